export { createApi, createDialectApi } from './create-api';
export type { Api } from './api';
export type { ApiOptions, CallOptions, TokenPlacement } from './options';
export { buildRequest, type RequestSpec, type RequestSpecIn, type RequestInput } from './request-spec';
export {
  defineOperation,
  retype,
  type HttpMethod,
  type QueryValue,
  type QueryShape,
  type NoQuery,
  type NoPathParams,
  type PathParamSpec,
  type PathParamSpecs,
  type TemplateParams,
  type OperationRow,
  type OperationTable,
  type OperationIdOf,
  type OperationResultOf,
  type OperationBodyOf,
  type OperationJsonOf,
  type OperationQueryOf,
  type OperationPathParamsOf,
  type CoversOperations,
} from './operation-table';
export { TAMTAM_OPERATIONS, type TamTamOperations } from './tamtam-operations';
export {
  TAMTAM_DIALECT,
  MAX_DIALECT,
  resolveDialect,
  type Dialect,
  type DialectAuth,
  type DialectLimits,
  type DialectDelivery,
  type UnmarkedPoll,
  type DialectsByName,
  type DialectChoice,
  type DialectOf,
  type OperationsOf,
  type UpdateOfTable,
  type UpdateTypeOfTable,
} from './dialect';
export { MAX_OPERATIONS, type MaxOperations, type SharedOperationId } from './max-operations';
export {
  OPERATION_IDS,
  operationIds,
  type OperationId,
  type OperationResult,
  type OperationBody,
  type OperationQuery,
  type OperationPathParams,
} from './operations';
export { API_VERSION, DEFAULT_BASE_URL } from './constants';
export { DEFAULT_RETRY, type RetryOptions, type RetryInfo } from './retry-options';
export {
  DEFAULT_REQUESTS_PER_SECOND,
  tokenBucket,
  isRateLimiter,
  type AcquireRequest,
  type RateLimiter,
  type RateLimitOptions,
  type RateLimitSetting,
  type ThrottleInfo,
  type TokenBucket,
} from './rate-limit/index';
export * from './errors/index';
