import type { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { CallOptions } from '../api/options';
import type { BotInfo, BotPatch } from '../types/index';
import { call } from './call';
import { requireObject } from './validate';

/**
 * The bot's own profile: id, name, username, description, commands, avatar.
 *
 * @example
 * getMyInfo(api).subscribe((me) => console.log(`@${me.username}`));
 */
export function getMyInfo(api: Api, options?: CallOptions): Observable<BotInfo> {
  return call(api, 'getMyInfo', () => ({}), options);
}

/**
 * Changes the bot's name, description, commands or photo; fields left out stay as they are.
 *
 * @example
 * editMyInfo(api, { commands: [{ name: 'start', description: 'Say hello' }] }).subscribe();
 */
export function editMyInfo(api: Api, patch: BotPatch, options?: CallOptions): Observable<BotInfo> {
  return call(api, 'editMyInfo', () => ({ json: requireObject('editMyInfo', 'patch', patch) }), options);
}
