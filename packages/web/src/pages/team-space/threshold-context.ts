import { createContext } from 'react';

/** The organisation's anonymity threshold: totals below it are never shown, and the wording says so. */
export const ThresholdContext = createContext(3);
