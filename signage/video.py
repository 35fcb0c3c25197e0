"""Video slides: PyAV decodes in a worker thread, the player's loop shows the frames.

Where it sits: ``signage.player`` opens a :class:`VideoStream` while the slide before it is
still on screen (so the first frame is ready at the boundary), then asks
:meth:`VideoStream.frame_at` for the frame due at each tick. The worker decodes, scales and
converts to 32-bit pixels off the main thread (PyAV releases the GIL inside FFmpeg), and
hands over frames through a small bounded queue, so memory stays flat however long the clip;
the loop wraps each frame's pixels in a Surface without copying them.

Sound is never decoded: screens are muted by default. A file that does not open, has no
video stream or yields no first frame raises :class:`VideoError` from :func:`open_video`, so
the loop can skip the slide before it is due.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

log = logging.getLogger(__name__)

QUEUE_FRAMES = 12  # about 0.4 s of 30 fps video decoded ahead
MAX_SLIP = 0.25  # seconds a clip may fall behind before late frames are skipped


class VideoError(Exception):
    """The file cannot be played: missing, empty, corrupt or not a video."""


@dataclass(frozen=True, slots=True)
class Frame:
    pts: float  # seconds from the start of the clip
    pixels: Any  # the converted frame's plane (a buffer); the frame below keeps it alive
    owner: Any
    size: tuple[int, int]
    pitch: int

    def surface(self) -> pygame.Surface:
        """A Surface sharing the frame's memory: no copy on the loop's side."""
        return pygame.image.frombuffer(self.pixels, self.size, "RGBX", self.pitch)


def fit_size(src: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    """The largest size with the aspect ratio of ``src`` inside ``box`` (even numbers)."""
    sw, sh = src
    bw, bh = box
    scale = min(bw / sw, bh / sh)
    return max(2, int(sw * scale) // 2 * 2), max(2, int(sh * scale) // 2 * 2)


class VideoStream:
    """One clip being played. Create it with :func:`open_video`; call :meth:`close` at the end."""

    def __init__(self, container: Any, stream: Any, frames: Iterator[Any], first: Frame,
                 size: tuple[int, int], duration: float | None, fps: float) -> None:
        self._container = container
        self._frames = frames
        self._stream = stream
        self.size = size
        self.duration = duration
        self.fps = fps
        self._queue: queue.Queue[Frame | None] = queue.Queue(maxsize=QUEUE_FRAMES)
        self._stop = threading.Event()
        self.error: str | None = None
        self.ended = False
        self.shown = 0
        self.dropped = 0
        self.slip = 0.0  # seconds the clip runs behind the clock (late wake-ups)
        self._current = first
        self._pending: Frame | None = None
        self._first_surface: pygame.Surface | None = None
        self._thread = threading.Thread(target=self._work, name="jarshy-video", daemon=True)
        self._thread.start()

    # worker side -------------------------------------------------------------------------
    def _work(self) -> None:
        try:
            for frame in self._frames:
                if self._stop.is_set():
                    return
                item = _convert(frame, self._stream, self.size)
                while not self._stop.is_set():
                    try:
                        self._queue.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
        except Exception as exc:  # noqa: BLE001 - FFmpeg raises many kinds; the clip ends there
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            try:
                self._queue.put(None, timeout=1.0)
            except queue.Full:
                pass

    # loop side ---------------------------------------------------------------------------
    def first_surface(self) -> pygame.Surface:
        if self._first_surface is None:
            self._first_surface = self._current.surface()
        return self._first_surface

    def _peek(self) -> Frame | None:
        """The next decoded frame without taking it (None: not decoded yet, or the end)."""
        if self._pending is None:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return None
            if item is None:
                self.ended = True
                return None
            self._pending = item
        return self._pending

    def frame_at(self, t: float) -> pygame.Surface | None:
        """The frame due at ``t`` seconds after the clip started, or None when none is due.

        Screens are muted, so no sound sets the pace: when the loop wakes a little late,
        the next frame is shown anyway and the clip slips by that much (a late wake-up on a
        busy PC costs no frame). Only when the clip is behind by more than
        :data:`MAX_SLIP` are the frames that are too late skipped, counted in ``dropped``.
        """
        media_t = t - self.slip
        nxt = self._peek()
        if nxt is None or nxt.pts > media_t:
            return None
        self._pending = None
        after = self._peek()
        if after is not None and after.pts <= media_t:
            behind = media_t - after.pts
            if behind <= MAX_SLIP:
                self.slip += media_t - nxt.pts  # show this one now, the rest at their pace
            else:
                while after is not None and after.pts <= media_t:  # far behind: catch up
                    self.dropped += 1
                    nxt, self._pending = after, None
                    after = self._peek()
        self._current = nxt
        self.shown += 1
        return nxt.surface()

    @property
    def current_pts(self) -> float:
        """The time in the clip of the frame last returned."""
        return self._current.pts

    def next_due(self) -> float | None:
        """When the next decoded frame is due (seconds after the clip started), or None."""
        nxt = self._peek()
        return nxt.pts + self.slip if nxt is not None else None

    def close(self) -> None:
        self._stop.set()
        try:
            while True:
                self._queue.get_nowait()
        except queue.Empty:
            pass
        self._thread.join(timeout=2.0)
        try:
            self._container.close()
        except Exception:  # noqa: BLE001 - closing a broken container must not stop the loop
            log.debug("closing video container failed", exc_info=True)


def _convert(frame: Any, stream: Any, size: tuple[int, int]) -> Frame:
    # rgb0 (R, G, B, padding) is what swscale converts fastest here: about 6 ms for a
    # 1080p frame against 40 ms for bgra, and pygame blits it without alpha blending.
    rgb = frame.reformat(width=size[0], height=size[1], format="rgb0")
    plane = rgb.planes[0]
    pts = float(frame.pts * stream.time_base) if frame.pts is not None else 0.0
    start = float(stream.start_time * stream.time_base) if stream.start_time else 0.0
    return Frame(pts=max(0.0, pts - start), pixels=plane, owner=rgb, size=size,
                 pitch=plane.line_size)


def open_video(path: Path, box: tuple[int, int]) -> VideoStream:
    """Open ``path``, decode its first frame scaled to fit ``box``, start the worker."""
    import av  # imported here: the player starts faster and doctor can report a missing PyAV

    try:
        if path.stat().st_size == 0:
            raise VideoError(f"{path.name}: the file is empty (0 bytes)")
        container = av.open(str(path))
    except VideoError:
        raise
    except (OSError, av.FFmpegError) as exc:
        raise VideoError(f"{path.name}: cannot open: {exc}") from exc
    try:
        if not container.streams.video:
            raise VideoError(f"{path.name}: no video stream in the file")
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        ctx = stream.codec_context
        if not ctx.width or not ctx.height:
            raise VideoError(f"{path.name}: the video stream has no picture size")
        size = fit_size((ctx.width, ctx.height), box)
        frames = iter(container.decode(stream))
        first_raw = next(frames, None)
        if first_raw is None:
            raise VideoError(f"{path.name}: no frame could be decoded")
        first = _convert(first_raw, stream, size)
    except VideoError:
        container.close()
        raise
    except (av.FFmpegError, ValueError, StopIteration, OSError) as exc:
        container.close()
        raise VideoError(f"{path.name}: cannot decode: {exc}") from exc
    duration: float | None = None
    if stream.duration is not None and stream.time_base is not None:
        duration = float(stream.duration * stream.time_base)
    elif container.duration is not None:
        duration = container.duration / 1_000_000
    fps = float(stream.average_rate) if stream.average_rate else 30.0
    # The worker goes on with the same frame iterator, so frames held inside the decoder
    # after the first one are not lost.
    return VideoStream(container, stream, frames, first, size, duration, fps)


def make_test_clip(path: Path, frames: int = 64, size: tuple[int, int] = (320, 180),
                   fps: int = 30) -> Path:
    """Write a small H.264 clip of moving colour bars (tests, bench and ``signage doctor``)."""
    import av

    with av.open(str(path), mode="w") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        stream.options = {"preset": "ultrafast", "tune": "zerolatency"}
        w, h = size
        row_cache: dict[int, bytes] = {}
        for i in range(frames):
            shift = (i * 4) % w
            if shift not in row_cache:
                row = bytearray()
                for x in range(w):
                    band = ((x + shift) * 6 // w) % 6
                    r, g, b = [(230, 60, 60), (60, 200, 80), (60, 90, 230),
                               (230, 200, 40), (40, 200, 210), (200, 60, 200)][band]
                    row += bytes((r, g, b))
                row_cache[shift] = bytes(row)
            img = av.VideoFrame(w, h, "rgb24")
            plane = img.planes[0]
            line = row_cache[shift] + bytes(plane.line_size - w * 3)
            plane.update(line * h)
            for packet in stream.encode(img.reformat(format="yuv420p")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path
