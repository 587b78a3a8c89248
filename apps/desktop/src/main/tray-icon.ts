// A 16×16 green dot for the tray (generated; replaced by designed icons with the packaging assets).
export const TRAY_ICON_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAO0lEQVR4nGNgoAXQW+D8HxumSDNRhhDSjNcQYjVjNYRUzRiGjBpABQMojkaqJCRiDcGrmZAhRGkmFQAAFZ9B0N/UHdsAAAAASUVORK5CYII=';
