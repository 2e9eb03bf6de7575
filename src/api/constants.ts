/**
 * The Bot API schema version this library is written against; sent as the `v` query parameter.
 *
 * @example
 * createApi({ token, version: API_VERSION });
 */
export const API_VERSION = '0.5.6';

/**
 * Where the real TamTam Bot API lives.
 *
 * @example
 * createApi({ token, baseUrl: DEFAULT_BASE_URL });
 */
export const DEFAULT_BASE_URL = 'https://botapi.tamtam.chat';
