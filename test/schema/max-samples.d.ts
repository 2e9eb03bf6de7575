type Json = null | boolean | number | string | Json[] | {
    [key: string]: Json;
};
/** The update types TamTam has and Max does not. */
export declare const TAMTAM_ONLY_UPDATE_TYPES: readonly ["message_chat_created", "message_construction_request", "message_constructed"];
/** The update types Max has and TamTam does not. */
export declare const MAX_ONLY_UPDATE_TYPES: readonly ["bot_stopped", "dialog_cleared", "dialog_muted", "dialog_unmuted", "dialog_removed"];
/** Rewrites a TamTam-shaped payload into the Max shape (a deep copy). */
export declare function toMax(value: unknown): Json;
/** One Max sample per Max update type (the ten shared ones converted, the five Max-only ones). */
export declare const maxSampleUpdates: Readonly<Record<string, Json>>;
/** The shared attachment samples in the Max shape. */
export declare const maxSampleAttachments: readonly Json[];
/** The shared button samples in the Max shape, without TamTam's `chat` button, plus Max's own. */
export declare const maxSampleButtons: readonly Json[];
export {};
