// Types of scripts/asbuild.mjs for the TypeScript tests that import it.
export declare const bin: (tool: string) => string;
export declare function optArgs(conf: { debug?: boolean; enable?: string[]; outFile: string }, file?: string): string[] | null;
export declare function asbuild(target: string): string;
