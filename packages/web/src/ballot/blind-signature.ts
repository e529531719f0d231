// The one blinding helper (RFC 9474, RSABSSA-SHA384-PSS-Randomized) lives in core, shared by the web app, the demo,
// the tests and the end-to-end tests. This module is where answering pages load it with import(), so that leaders
// and facilitators never download the blind-signature code.
export { type BlindedToken, type BlindToken, blindToken, finalizeToken } from '@kintsugi/core';
