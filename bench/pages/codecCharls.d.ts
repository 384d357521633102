/** The Emscripten factory of @cornerstonejs/codec-charls' WebAssembly decoder (no types shipped). */
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: (options?: { locateFile?: (file: string) => string }) => Promise<unknown>;
  export default factory;
}
