export { createApi } from './create-api';
export type { Api } from './api';
export type { ApiOptions, CallOptions, TokenPlacement } from './options';
export type { RequestSpec, HttpMethod, QueryValue } from './request-spec';
export { OPERATION_IDS, type OperationId } from './operations';
export { API_VERSION, DEFAULT_BASE_URL } from './constants';
export { DEFAULT_RETRY, type RetryOptions, type RetryInfo } from './retry-options';
export * from './errors/index';
