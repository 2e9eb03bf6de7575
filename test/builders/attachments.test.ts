import { describe, expect, it } from 'vitest';
import { attach } from '../../src/builders';
import { sampleAttachments, sampleUsers } from '../fixtures/updates';

describe('attach', () => {
  it('image from a token, a URL, an upload result, or a received photo', () => {
    expect(attach.image('ph.1')).toEqual({ type: 'image', payload: { token: 'ph.1' } });
    expect(attach.image({ url: 'https://i.example.com/cat.jpg' })).toEqual({
      type: 'image',
      payload: { url: 'https://i.example.com/cat.jpg' },
    });
    expect(attach.image({ token: 'ph.2' })).toEqual({ type: 'image', payload: { token: 'ph.2' } });
    const photos = { a1: { token: 'ph.3' } };
    expect(attach.image({ photos })).toEqual({ type: 'image', payload: { photos } });
    expect(attach.image(sampleAttachments.image)).toEqual({
      type: 'image',
      payload: { token: sampleAttachments.image.payload.token },
    });
    expect(attach.image({ type: 'image', payload: { url: 'https://i.example.com/x.png' } })).toEqual({
      type: 'image',
      payload: { url: 'https://i.example.com/x.png' },
    });
  });

  it('video, audio and file from a token, an upload result, or a received attachment', () => {
    expect(attach.video('vd.1')).toEqual({ type: 'video', payload: { token: 'vd.1' } });
    expect(attach.audio({ token: 'au.1' })).toEqual({ type: 'audio', payload: { token: 'au.1' } });
    expect(attach.file(sampleAttachments.file)).toEqual({
      type: 'file',
      payload: { token: sampleAttachments.file.payload.token },
    });
    expect(attach.video(sampleAttachments.video)).toEqual({
      type: 'video',
      payload: { token: sampleAttachments.video.payload.token },
    });
  });

  it('location, contact, sticker and share', () => {
    expect(attach.location(59.9343, 30.3351)).toEqual({ type: 'location', latitude: 59.9343, longitude: 30.3351 });
    expect(attach.contact(sampleUsers.bob)).toEqual({
      type: 'contact',
      payload: { name: 'Bob Ivanov', contact_id: sampleUsers.bob.user_id },
    });
    expect(attach.contact({ name: 'Support', phone: '+79990001122' })).toEqual({
      type: 'contact',
      payload: { name: 'Support', vcf_phone: '+79990001122' },
    });
    expect(attach.contact({ name: 'Card', vcfInfo: 'BEGIN:VCARD', userId: 5 })).toEqual({
      type: 'contact',
      payload: { name: 'Card', contact_id: 5, vcf_info: 'BEGIN:VCARD' },
    });
    expect(attach.sticker('c0ffee')).toEqual({ type: 'sticker', payload: { code: 'c0ffee' } });
    expect(attach.sticker(sampleAttachments.sticker)).toEqual({
      type: 'sticker',
      payload: { code: sampleAttachments.sticker.payload.code },
    });
    expect(attach.share('https://example.com/post/1')).toEqual({
      type: 'share',
      payload: { url: 'https://example.com/post/1' },
    });
    expect(attach.share({ token: 'sh.1' })).toEqual({ type: 'share', payload: { token: 'sh.1' } });
    expect(attach.share(sampleAttachments.share).type).toBe('share');
  });

  it('says what is wrong with bad input', () => {
    expect(() => attach.image('')).toThrow('attach.image: token must be a non-empty string');
    expect(() => attach.image({ url: 'ftp://x' })).toThrow(/attach.image: url must be an http\(s\) URL/);
    expect(() => attach.image({ photos: {} })).toThrow(/the upload result has no photos/);
    expect(() => attach.image(42 as unknown as string)).toThrow(/pass a token, \{ url \}/);
    expect(() => attach.video(sampleAttachments.audio as never)).toThrow(
      /attach.video: got a received 'audio' attachment; use attach.audio/,
    );
    expect(() => attach.file({} as never)).toThrow(/attach.file: pass the token/);
    expect(() => attach.location(91, 0)).toThrow(/latitude must be a number from -90 to 90, got 91/);
    expect(() => attach.location(0, Number.NaN)).toThrow(/longitude must be a number from -180 to 180, got NaN/);
    expect(() => attach.contact({ name: 'Nobody' })).toThrow(/needs a userId, a phone or vcfInfo/);
    expect(() => attach.contact({ name: ' ', phone: '1' })).toThrow(/name must be a non-empty string/);
    expect(() => attach.sticker('')).toThrow(/code must be a non-empty string/);
    expect(() => attach.share('example.com')).toThrow(/url must be an http\(s\) URL/);
  });
});
