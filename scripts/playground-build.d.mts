// Types for playground-build.mjs.
export function buildPlayground(o?: { outDir?: string; dev?: boolean }): Promise<{ outDir: string; files: { file: string; bytes: number }[] }>;
