// Imported before src/cli.ts by harnesses that use its parser alone: the CLI
// module then does not run a command on import (see the end of src/cli.ts).
(globalThis as { __EBNKIT_NO_MAIN__?: boolean }).__EBNKIT_NO_MAIN__ = true;
export {};
