export {
  DEFAULT_REQUESTS_PER_SECOND,
  type AcquireRequest,
  type RateLimiter,
  type RateLimitOptions,
  type ThrottleInfo,
} from './rate-limiter';
export { tokenBucket, type TokenBucket } from './token-bucket';
export { resolveRateLimit, isRateLimiter, type RateLimitSetting } from './resolve-rate-limit';
