/**
 * A running minimal update server.
 *
 * @example
 * const server = await startUpdateServer(100_000, 100);
 * const api = createApi({ token: server.token, baseUrl: server.url });
 * await server.close();
 */
export interface UpdateServer {
    readonly url: string;
    readonly token: string;
    close(): Promise<void>;
}
/**
 * Starts the server in a child process with `total` updates in batches of `batch`.
 *
 * @example
 * const server = await startUpdateServer(2_000, 100);
 */
export declare function startUpdateServer(total: number, batch: number): Promise<UpdateServer>;
