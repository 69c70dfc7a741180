/**
 * MapLibre's worker for a map without sources: the offline atlas, whose own WebGL layers draw everything from
 * data the page already has. MapLibre's worker parses tiles, of which such a map has none; for a style without
 * sources it only answers the map's messages (the style's layers, images, a ping) with nothing, and so does this
 * one, without half a megabyte of code to fetch and compile. A style with sources (an online base map) takes
 * MapLibre's own worker (load.ts). The messages are MapLibre's actor protocol: { id, type, sourceMapId, … }
 * answered by { id, type: '<response>', error, data }.
 */
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  postMessage(message: unknown): void;
};

scope.addEventListener('message', (event) => {
  const message = event.data as { id?: string; type?: string; sourceMapId?: string | number } | null;
  if (!message?.id || message.type === '<response>' || message.type === '<cancel>') return;
  scope.postMessage({
    id: message.id,
    type: '<response>',
    origin: location.origin,
    targetMapId: message.sourceMapId,
    error: null,
    data: null,
  });
});
