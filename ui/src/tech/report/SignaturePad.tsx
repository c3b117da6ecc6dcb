// The customer signs with a finger (or a mouse) on a canvas; the drawing is
// kept as a small PNG (a 600 × 200 canvas of strokes is a few KB).
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/index.ts';

const WIDTH = 600;
const HEIGHT = 200;

export function SignaturePad({ value, onChange }: { value: string | null; onChange: (dataUrl: string | null) => void }) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);

  // Draws a stored signature back (a draft reopened).
  useEffect(() => {
    const c = canvas.current;
    const context = c?.getContext('2d');
    if (!c || !context) return;
    context.clearRect(0, 0, WIDTH, HEIGHT);
    if (!value) return;
    const image = new Image();
    image.onload = () => context.drawImage(image, 0, 0);
    image.src = value;
    // Only the first value matters: later ones come from this canvas.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) / rect.width) * WIDTH, y: ((e.clientY - rect.top) / rect.height) * HEIGHT };
  };
  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    try {
      // Keeps the stroke when the finger leaves the box; not every pointer can be captured.
      e.currentTarget.setPointerCapture(e.pointerId);
    } catch {
      /* drawing works without it */
    }
    drawing.current = point(e);
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const from = drawing.current;
    const context = canvas.current?.getContext('2d');
    if (!from || !context) return;
    const to = point(e);
    context.strokeStyle = '#10204a';
    context.lineWidth = 3;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
    drawing.current = to;
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = null;
    onChange(canvas.current?.toDataURL('image/png') ?? null);
  };
  const clear = () => {
    canvas.current?.getContext('2d')?.clearRect(0, 0, WIDTH, HEIGHT);
    onChange(null);
  };

  return (
    <div className="signature">
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        className="signature-pad"
        aria-label={t('report.signHere')}
        role="img"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      <div className="signature-bar">
        <span className="muted">{t('report.signHere')}</span>
        <button type="button" className="link" onClick={clear}>
          {t('report.clear')}
        </button>
      </div>
    </div>
  );
}
