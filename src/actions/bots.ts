import type { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { OperationResultOf } from '../api/operation-table';
import type { CallOptions } from '../api/options';
import type { BotPatch } from '../types/index';
import { type TableWith, call } from './call';
import { requireObject } from './validate';

/**
 * The bot's own profile: id, name, username, description, commands, avatar.
 *
 * @example
 * getMyInfo(api).subscribe((me) => console.log(`@${me.username}`));
 */
export function getMyInfo<T extends TableWith<'getMyInfo'>>(
  api: Api<T>,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'getMyInfo'>> {
  return call(api, 'getMyInfo', () => ({}), options);
}

/**
 * Changes the bot's name, description, commands or photo; fields left out stay as they are.
 * TamTam only: Max has no `PATCH /me`, so a Max api does not compile here.
 *
 * @example
 * editMyInfo(api, { commands: [{ name: 'start', description: 'Say hello' }] }).subscribe();
 */
export function editMyInfo<T extends TableWith<'editMyInfo'>>(
  api: Api<T>,
  patch: BotPatch,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'editMyInfo'>> {
  return call(api, 'editMyInfo', () => ({ json: requireObject('editMyInfo', 'patch', patch) }), options);
}
