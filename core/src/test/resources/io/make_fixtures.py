#!/usr/bin/env python3
"""Writes the .npy/.npz fixtures of NpyFormatTest and NpzArchiveTest with numpy.

Run from this folder:  /usr/bin/python3 make_fixtures.py
Generated with numpy 2.4.6 (Debian); every value is written out literally so the Java tests can
assert it. Files already committed beside this script; rerun only to change them.
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def save(name, array, version=None):
    path = os.path.join(HERE, name)
    with open(path, "wb") as f:
        np.lib.format.write_array(f, array, version=version)


# One file per supported dtype (C order, little-endian unless the name says otherwise).
save("f4_2x3.npy", np.array([[-1.5, 0.0, 0.1], [3.25, 1e-30, 3e38]], dtype="<f4"))
save("f8_3x2.npy", np.array([[np.pi, -0.0], [1e-300, -2.5], [1e300, 7.0]], dtype="<f8"))
save("i4_2x2.npy", np.array([[-2147483648, -1], [0, 2147483647]], dtype="<i4"))
save("i8_4.npy", np.array([-9223372036854775808, -1, 1 << 40, 9223372036854775807], dtype="<i8"))
save("u1_5.npy", np.array([0, 1, 127, 128, 255], dtype="|u1"))
save("i1_4.npy", np.array([-128, -1, 0, 127], dtype="|i1"))
save("b1_2x2.npy", np.array([[True, False], [False, True]], dtype="|b1"))
save("be_f8_3.npy", np.array([1.5, -2.0, 1e-10], dtype=">f8"))
save("be_i4_3.npy", np.array([1, -2, 65536], dtype=">i4"))

# 1-D vector, 0-d arrays, an empty matrix.
save("vector_f4_5.npy", np.array([1.0, 2.0, 3.0, 4.0, 5.5], dtype="<f4"))
save("scalar_f8.npy", np.array(3.5, dtype="<f8"))
save("scalar_i8.npy", np.array(42, dtype="<i8"))
save("empty_f4_0x3.npy", np.zeros((0, 3), dtype="<f4"))

# Fortran order: element [i, j(, k)] = 100*i + 10*j + k.
save("fortran_f8_2x3.npy", np.asfortranarray(np.array([[0, 1, 2], [10, 11, 12]], dtype="<f8")))
save("fortran_i4_2x3x4.npy",
     np.asfortranarray(np.fromfunction(lambda i, j, k: 100 * i + 10 * j + k, (2, 3, 4), dtype=np.int32)))

# Header versions 2.0 and 3.0 (utf-8).
save("v2_f4_2x2.npy", np.array([[1, 2], [3, 4]], dtype="<f4"), version=(2, 0))
save("v3_f8_3.npy", np.array([0.25, 0.5, 0.75], dtype="<f8"), version=(3, 0))

# Dtypes the reader rejects.
save("unsupported_U3.npy", np.array(["abc", "de"], dtype="<U3"))
save("unsupported_c16.npy", np.array([1 + 2j], dtype="<c16"))
save("unsupported_f2.npy", np.array([1.0], dtype="<f2"))

# Archives: pytorch-fid's stats layout plus a 0-d member, stored and deflated.
mu = np.array([0.5, -1.25, 2.0], dtype=np.float64)
sigma = np.array([[2.0, 0.5, 0.0], [0.5, 1.0, -0.25], [0.0, -0.25, 3.0]], dtype=np.float64)
count = np.array(42, dtype=np.int64)
np.savez(os.path.join(HERE, "savez_stats.npz"), mu=mu, sigma=sigma, count=count)
np.savez_compressed(os.path.join(HERE, "savez_compressed_stats.npz"), mu=mu, sigma=sigma, count=count)
# Positional names arr_0, arr_1.
np.savez(os.path.join(HERE, "savez_positional.npz"), np.array([1, 2, 3], dtype="<i8"),
         np.array([[True]], dtype="|b1"))
# A deflated member larger than the reader's 1 MiB conversion chunk: element i = i % 1000.
np.savez_compressed(os.path.join(HERE, "savez_compressed_large.npz"),
                    big=np.tile(np.arange(1000, dtype="<f4"), 300).reshape(600, 500))
