export declare const marbles: import("../../src/testing/marbles").MarbleTest;
export type { MarbleContext } from '../../src/testing/marbles';
