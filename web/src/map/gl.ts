/**
 * The map's own WebGL drawing (network-layer.ts): a compiled program with its uniforms and attributes looked up
 * once; and the copies of the world a view shows, which the selection's overlay shares.
 */

/** A linked WebGL program, with its uniform locations looked up once. */
export class GlProgram {
  readonly program: WebGLProgram;
  private readonly locations = new Map<string, WebGLUniformLocation | null>();

  constructor(
    private readonly gl: WebGLRenderingContext,
    vertex: string,
    fragment: string,
  ) {
    const program = gl.createProgram()!;
    for (const [type, source] of [
      [gl.VERTEX_SHADER, vertex],
      [gl.FRAGMENT_SHADER, fragment],
    ] as const) {
      const shader = gl.createShader(type)!;
      gl.shaderSource(shader, source);
      gl.compileShader(shader);
      gl.attachShader(program, shader);
    }
    gl.linkProgram(program);
    this.program = program;
  }

  /** Makes it the current program; answers it, to set its uniforms. */
  use(): this {
    // biome-ignore lint/correctness/useHookAtTopLevel: WebGL's useProgram, not a React hook
    this.gl.useProgram(this.program);
    return this;
  }

  uniform(name: string): WebGLUniformLocation | null {
    let location = this.locations.get(name);
    if (location === undefined) {
      location = this.gl.getUniformLocation(this.program, name);
      this.locations.set(name, location);
    }
    return location;
  }

  /** A 4×4 matrix, as MapLibre gives it (a Float64Array, which WebGL takes as any list of numbers). */
  matrix(name: string, value: Iterable<number>): void {
    this.gl.uniformMatrix4fv(this.uniform(name), false, value);
  }

  float(name: string, value: number): void {
    this.gl.uniform1f(this.uniform(name), value);
  }

  vec4(name: string, value: readonly number[]): void {
    this.gl.uniform4fv(this.uniform(name), value as number[]);
  }

  /**
   * Points a float attribute at the bound buffer: `size` floats at `offset` bytes in each `stride`. Answers its
   * location, to disable it after drawing (MapLibre's own programs expect the arrays they enable).
   */
  attribute(name: string, size: number, stride = 0, offset = 0): number {
    const { gl } = this;
    const location = gl.getAttribLocation(this.program, name);
    gl.enableVertexAttribArray(location);
    gl.vertexAttribPointer(location, size, gl.FLOAT, false, stride, offset);
    return location;
  }

  /** Draws once for every copy of the world in `copies`, each offset by a world's width (uniform u_offset). */
  drawCopies(copies: readonly number[], mode: number, count: number): void {
    for (const copy of copies) {
      this.float('u_offset', copy);
      this.gl.drawArrays(mode, 0, count);
    }
  }
}

/** The copies of the world (…, −1, 0, 1, …) that a span of mercator x from `left` to `right` reaches into. */
export function worldCopies(left: number, right: number): number[] {
  const copies: number[] = [];
  for (let copy = Math.floor(left); copy <= Math.floor(right); copy += 1) copies.push(copy);
  return copies;
}
