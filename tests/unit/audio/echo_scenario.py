"""pjmedia's echo canceller through ``softphone.audio.echo`` on a synthetic echo (own process: pjsua2 endpoint).

Far end: 12 s of band-limited noise; the "microphone" hears it back 100 ms later at -10 dB and
nothing else. Prints ``RESULT {json}``: echo return loss enhancement (ERLE) over the last 6 s
with and without noise suppression, and the canceller's cost per 20 ms frame.
"""

from __future__ import annotations

import json
import time

import numpy as np
import pjsua2 as pj

from softphone.audio.echo import EchoCanceller, available

RATE, FRAME = 16000, 320


def main() -> dict:
    endpoint = pj.Endpoint()
    endpoint.libCreate()
    config = pj.EpConfig()
    config.uaConfig.threadCnt = 0
    config.logConfig.level = config.logConfig.consoleLevel = 1
    endpoint.libInit(config)
    endpoint.audDevManager().setNullDev()
    endpoint.libStart()
    result: dict = {"available": available()}
    rng = np.random.default_rng(1)
    far = np.convolve(rng.standard_normal(RATE * 12) * 3000, np.ones(4) / 4, mode="same").astype(np.int16)
    delay = RATE // 10
    echo = np.zeros_like(far)
    echo[delay:] = (far[:-delay] * 0.3).astype(np.int16)
    for noise_suppression in (False, True):
        canceller = EchoCanceller(RATE, FRAME, tail_ms=200, latency_ms=100, noise_suppression=noise_suppression)
        out = np.zeros_like(echo)
        played, captured = np.zeros(FRAME, dtype=np.int16), np.zeros(FRAME, dtype=np.int16)
        started = time.perf_counter()
        for i in range(0, len(far) - FRAME + 1, FRAME):
            played[:] = far[i : i + FRAME]
            canceller.playback(played.ctypes.data)
            captured[:] = echo[i : i + FRAME]
            canceller.capture(captured.ctypes.data)
            out[i : i + FRAME] = captured
        per_frame_us = (time.perf_counter() - started) / (len(far) / FRAME) * 1e6
        tail = slice(RATE * 6, None)
        erle = 10 * np.log10(np.mean(echo[tail].astype(float) ** 2) / max(np.mean(out[tail].astype(float) ** 2), 1e-9))
        result["ns" if noise_suppression else "aec"] = {"erle_db": round(float(erle), 1), "us_per_frame": round(per_frame_us, 1),
                                                          "errors": canceller.errors}
        canceller.close()
        del canceller
    endpoint.libDestroy()
    return result


if __name__ == "__main__":
    print("RESULT " + json.dumps(main()))
