/**
 * POST with a token from a TokenSource. A 401/403 may mean the secret was rotated while the
 * cached token was still in use: the cache is dropped and, if the secret now holds another token,
 * the request is sent once more at once.
 */
import { httpPost, HttpPostRequest, HttpPostResponse } from "../httpPost";
import { SinkResponseError } from "../retry";
import { TokenSource } from "../secrets";

export async function authorizedPost(
    request: Omit<HttpPostRequest, "headers"> & { headers: Record<string, string> },
    tokens: TokenSource,
    authorize: (token: string) => Record<string, string>,
): Promise<HttpPostResponse> {
    const token = await tokens.token();
    try {
        return await httpPost({ ...request, headers: { ...request.headers, ...authorize(token) } });
    } catch (error) {
        if (!(error instanceof SinkResponseError) || (error.status !== 401 && error.status !== 403)) throw error;
        tokens.invalidate();
        const fresh = await tokens.token();
        if (fresh === token) throw error;
        return httpPost({ ...request, headers: { ...request.headers, ...authorize(fresh) } });
    }
}
