export { TamTamError, isTamTamError } from './tamtam-error';
export { TamTamApiError, isTamTamApiError } from './api-error';
export { TamTamNetworkError, isTamTamNetworkError } from './network-error';
export { TamTamTimeoutError, isTamTamTimeoutError } from './timeout-error';
export { TamTamResponseError, isTamTamResponseError } from './response-error';
export { TamTamRateLimitError, isTamTamRateLimitError } from './rate-limit-error';
