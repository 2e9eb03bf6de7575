/**
 * `GET /me` and `PATCH /me`.
 */
import type { BotCommand } from '../../types';
import { readPhotoUrl } from '../state/attachments';
import { toBotInfo } from '../state/wire';
import type { ApiOperation } from './context';

/**
 * getMyInfo: the bot's own profile.
 *
 * @example
 * router.add('/me', { GET: getMyInfo.handle });
 */
export const getMyInfo: ApiOperation<'getMyInfo'> = {
  operation: 'getMyInfo',
  handle: ({ world }) => toBotInfo(world),
};

/**
 * editMyInfo: changes name, description, commands and/or photo; returns the new profile.
 *
 * @example
 * router.add('/me', { PATCH: editMyInfo.handle });
 */
export const editMyInfo: ApiOperation<'editMyInfo'> = {
  operation: 'editMyInfo',
  handle: (ctx) => {
    const body = ctx.body();
    const name = body.string('name', { min: 1, max: 64 });
    const description = body.string('description', { min: 1, max: 16_000 });
    const commands = body.objects('commands', { max: 32 })?.map((c): BotCommand => {
      const commandDescription = c.string('description', { min: 1, max: 128 });
      return {
        name: c.requiredString('name', { min: 1, max: 64 }),
        ...(commandDescription === undefined ? {} : { description: commandDescription }),
      };
    });
    const photo = body.object('photo');
    const avatar = photo ? readPhotoUrl(photo, ctx.world) : undefined;
    const bot = ctx.world.bot;
    if (name !== undefined) bot.name = name;
    if (description !== undefined) bot.description = description;
    if (commands !== undefined) bot.commands = commands;
    if (avatar !== undefined) {
      bot.avatar_url = avatar;
      bot.full_avatar_url = avatar;
    }
    return toBotInfo(ctx.world);
  },
};
