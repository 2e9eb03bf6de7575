/**
 * The `@example` blocks the package's declarations leave out: those of interfaces, type
 * aliases and everything declared inside them (properties, methods, members of object types).
 * An editor shows a function's, a class's or a constant's example where it is called or used;
 * a type's example is read in the API reference (`npm run docs`), which keeps every one. Used
 * by scripts/compact-dist.ts.
 *
 * @example
 * const file = ts.createSourceFile('a.d.cts', text, ts.ScriptTarget.Latest, true);
 * for (const range of typeDocComments(file)) console.log(withoutExamples(text.slice(range.pos, range.end)));
 */
import ts from 'typescript';

/** Declarations whose doc comments, and those of everything inside them, lose their examples. */
const TYPE_DECLARATIONS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
]);

const isJSDocNode = (node: ts.Node): boolean =>
  node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode;

/**
 * The doc comments (`/** … *\/`) in front of an interface or type alias declaration or of
 * anything inside one, by position.
 *
 * @example
 * const file = ts.createSourceFile('a.d.cts', '/** A. *\/\ninterface A {}\n', ts.ScriptTarget.Latest, true);
 * typeDocComments(file); // [{ pos: 0, end: 9, kind: … }]
 */
export function typeDocComments(file: ts.SourceFile): ts.CommentRange[] {
  const text = file.getFullText();
  const found = new Map<number, ts.CommentRange>();
  const visit = (node: ts.Node, inside: boolean): void => {
    if (isJSDocNode(node)) return;
    const owned = inside || TYPE_DECLARATIONS.has(node.kind);
    if (owned) {
      // on lines of their own, or after the `{` of a one-line object type
      const at = node.getFullStart();
      for (const range of [
        ...(ts.getLeadingCommentRanges(text, at) ?? []),
        ...(ts.getTrailingCommentRanges(text, at) ?? []),
      ]) {
        if (text.startsWith('/**', range.pos)) found.set(range.pos, range);
      }
    }
    ts.forEachChild(node, (child) => visit(child, owned));
  };
  visit(file, false);
  return [...found.values()].sort((a, b) => a.pos - b.pos);
}

/**
 * A doc comment without its `@example` blocks (each from its tag to the next tag or the end of
 * the comment, blank lines before the end dropped), or `''` when nothing else is left. Only
 * comments spanning lines with tags at the start of a line (as TypeScript writes them) are
 * changed; an `@example` elsewhere is left, and the caller's check reports it.
 *
 * @example
 * withoutExamples('/**\n * Options.\n *\n * @example\n * f({ a: 1 });\n *\/');
 * // '/**\n * Options.\n *\/'
 */
export function withoutExamples(comment: string): string {
  const lines = comment.split('\n');
  if (lines.length < 3) return comment;
  const body = (line: string): string => line.replace(/^\s*\*\s?/, '');
  const kept: string[] = [lines[0] as string];
  let skipping = false;
  for (const line of lines.slice(1, -1)) {
    const tag = /^@(\w+)/.exec(body(line));
    if (tag !== null) skipping = tag[1] === 'example';
    if (!skipping) kept.push(line);
  }
  while (kept.length > 1 && body(kept[kept.length - 1] as string).trim() === '') kept.pop();
  const first = (kept[0] as string).replace(/^\s*\/\*\*/, '').trim();
  if (kept.length === 1 && first === '') return '';
  return [...kept, lines[lines.length - 1] as string].join('\n');
}

/**
 * What an editor reads from a doc comment, as TypeScript parses it: the description and every
 * tag but `@example` (name, parameter name, type and text), or `''` when that is nothing.
 * Compares a comment before and after {@link withoutExamples} independently of how the text
 * was cut.
 *
 * @example
 * docContentWithoutExamples('/** A.\n * @example\n * a()\n *\/') === docContentWithoutExamples('/** A. *\/'); // true
 */
export function docContentWithoutExamples(comment: string): string {
  const file = ts.createSourceFile('comment.ts', `${comment}\nvar x;\n`, ts.ScriptTarget.Latest, true);
  const statement = file.statements[0];
  const declaration =
    statement !== undefined && ts.isVariableStatement(statement)
      ? statement.declarationList.declarations[0]
      : undefined;
  if (declaration === undefined) throw new Error(`docContentWithoutExamples: cannot parse ${comment}`);
  const content = ts.getJSDocCommentsAndTags(declaration).flatMap((doc) => {
    if (!ts.isJSDoc(doc)) return [];
    const tags = (doc.tags ?? [])
      .filter((tag) => tag.tagName.text !== 'example')
      .map((tag) => {
        const named = ts.isJSDocParameterTag(tag) || ts.isJSDocPropertyTag(tag);
        return [
          tag.tagName.text,
          named ? tag.name.getText(file) : '',
          named || ts.isJSDocReturnTag(tag) || ts.isJSDocTypeTag(tag) ? (tag.typeExpression?.getText(file) ?? '') : '',
          ts.getTextOfJSDocComment(tag.comment) ?? '',
        ];
      });
    const description = ts.getTextOfJSDocComment(doc.comment) ?? '';
    return description === '' && tags.length === 0 ? [] : [[description, tags]];
  });
  return content.length === 0 ? '' : JSON.stringify(content);
}
