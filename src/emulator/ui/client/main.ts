/**
 * Entry of the web chat page's script (bundled into one IIFE, inlined into the page).
 */
import { boot } from './app';

void boot();
