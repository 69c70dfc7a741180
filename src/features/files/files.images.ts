import { type FileHandle, open } from 'node:fs/promises';

/** An image's size in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

/** Larger than any photo a page shows: a header that claims more is not believed. */
const MAX_SIDE = 65_535;

/** Reads `length` bytes at `position`; fewer at the end of the file. */
async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

const sized = (width: number, height: number): ImageSize | undefined =>
  width > 0 && height > 0 && width <= MAX_SIDE && height <= MAX_SIDE ? { width, height } : undefined;

/** PNG: the signature, then the IHDR chunk with width and height. */
async function pngSize(handle: FileHandle): Promise<ImageSize | undefined> {
  const head = await readAt(handle, 0, 24);
  if (head.length < 24 || head.subarray(12, 16).toString('latin1') !== 'IHDR') return undefined;
  return sized(head.readUInt32BE(16), head.readUInt32BE(20));
}

/** WebP: a RIFF container whose first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended). */
async function webpSize(handle: FileHandle): Promise<ImageSize | undefined> {
  const head = await readAt(handle, 0, 30);
  if (head.length < 30) return undefined;
  const chunk = head.subarray(12, 16).toString('latin1');
  if (chunk === 'VP8 ') {
    // A key frame: three bytes of frame tag, the start code, then 14-bit width and height.
    if (head[23] !== 0x9d || head[24] !== 0x01 || head[25] !== 0x2a) return undefined;
    return sized(head.readUInt16LE(26) & 0x3fff, head.readUInt16LE(28) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (head[20] !== 0x2f) return undefined;
    const bits = head.readUInt32LE(21);
    return sized((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') return sized(head.readUIntLE(24, 3) + 1, head.readUIntLE(27, 3) + 1);
  return undefined;
}

/** The JPEG markers that start a frame and carry its size (SOF0–SOF15 but DHT, JPG and DAC). */
const START_OF_FRAME = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

/** JPEG: segments from the start of the image to the first frame header, which names its size. */
async function jpegSize(handle: FileHandle, fileSize: number): Promise<ImageSize | undefined> {
  let position = 2;
  // A photo's metadata (EXIF, a thumbnail, colour profiles) comes before the frame; a few hundred segments at most.
  for (let segments = 0; segments < 1000 && position + 4 <= fileSize; segments += 1) {
    const header = await readAt(handle, position, 4);
    if (header[0] !== 0xff) return undefined;
    const marker = header[1]!;
    if (marker === 0xff) {
      // Fill bytes before a marker.
      position += 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      position += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    const length = header.readUInt16BE(2);
    if (length < 2) return undefined;
    if (START_OF_FRAME.has(marker)) {
      const frame = await readAt(handle, position + 4, 5);
      if (frame.length < 5) return undefined;
      return sized(frame.readUInt16BE(3), frame.readUInt16BE(1));
    }
    position += 2 + length;
  }
  return undefined;
}

/**
 * The size of a PNG, JPEG or WebP image, read from its header; undefined when the file is not a readable image of
 * that type (a PNG signature on something else, a header cut short).
 */
export async function readImageSize(file: string, mediaType: string): Promise<ImageSize | undefined> {
  const handle = await open(file);
  try {
    switch (mediaType) {
      case 'image/png':
        return await pngSize(handle);
      case 'image/webp':
        return await webpSize(handle);
      case 'image/jpeg':
        return await jpegSize(handle, (await handle.stat()).size);
      default:
        return undefined;
    }
  } finally {
    await handle.close();
  }
}
