import { describe, expect, it } from 'vitest';
import { hasAttachment } from '../../src/operators';
import type { AttachmentType } from '../../src/types';
import { sampleAttachments, sampleUpdates } from '../fixtures/updates';
import { marbles } from '../helpers/marbles';
import { run } from './collect';
import { message } from './make-updates';

describe('hasAttachment', () => {
  const withPhotoAndFile = sampleUpdates.message_created; // image + file attachments
  const textOnly = message('hi');

  it('passes messages with an attachment of the kind and adds those attachments', () => {
    const [out] = run([textOnly, withPhotoAndFile], hasAttachment('image'));
    expect(out?.attachments).toEqual([sampleAttachments.image]);
    expect(out?.message).toEqual(withPhotoAndFile.message);
  });

  it('several kinds: keeps every matching attachment, in message order', () => {
    const [out] = run([withPhotoAndFile], hasAttachment('file', 'image', 'video'));
    expect(out?.attachments.map((a) => a.type)).toEqual(['image', 'file']);
  });

  it(
    'does not pass messages without that kind, or other updates',
    marbles((m) => {
      const source = m.cold('-a-b-c-|', { a: textOnly, b: withPhotoAndFile, c: sampleUpdates.message_edited });
      m.expect(source.pipe(hasAttachment('sticker'))).toBeObservable('-------|');
    }),
  );

  it('rejects unknown attachment kinds', () => {
    expect(() => hasAttachment('photo' as AttachmentType)).toThrow(
      /'photo' is not an attachment type; expected one of image/,
    );
  });

  it(
    'passes errors on and unsubscribes upstream',
    marbles((m) => {
      m.expect(m.cold('-a-#', { a: textOnly }).pipe(hasAttachment('image'))).toBeObservable('---#');
      const endless = m.cold('-a-a', { a: textOnly });
      m.expect(endless.pipe(hasAttachment('image')), '^-!').toBeObservable('---');
      m.expect(endless).toHaveSubscriptions('^-!');
    }),
  );
});
