#!/usr/bin/python3
"""Times pytorch-fid's route for tr sqrt(S1 S2) (scipy.linalg.sqrtm of the product) at D=2048,
on statistics shaped like FidBenchmark's full-rank case, for the README's comparison.
Run with Debian's python3 (apt-get install python3-numpy python3-scipy): /usr/bin/python3 examples/bench/pytorch_fid_sqrtm_baseline.py
"""
import sys
import time

import numpy as np
from scipy import linalg

d = int(sys.argv[1]) if len(sys.argv) > 1 else 2048
rng = np.random.default_rng(42)
n = 2 * d
mix = (rng.random((d, d), dtype=np.float32) - 0.5) * 0.1
real = rng.standard_normal((n, d), dtype=np.float32) @ mix + rng.standard_normal((n, d), dtype=np.float32)
gen = real * 1.1 + 0.05
mu1, s1 = real.mean(0, dtype=np.float64), np.cov(real.astype(np.float64), rowvar=False)
mu2, s2 = gen.mean(0, dtype=np.float64), np.cov(gen.astype(np.float64), rowvar=False)


def pytorch_fid(mu1, s1, mu2, s2, eps=1e-6):
    # The steps of pytorch_fid.fid_score.calculate_frechet_distance.
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(s1.dot(s2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(s1.shape[0]) * eps
        covmean = linalg.sqrtm((s1 + offset).dot(s2 + offset))
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    return diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean)


t = time.perf_counter()
fid = pytorch_fid(mu1, s1, mu2, s2)
print(f"pytorch-fid sqrtm route, D={d}: {time.perf_counter() - t:.2f} s (FID {fid:.6f})")
