#!/usr/bin/env python3
"""pytorch-fid style statistics archives for the cli tests, from the reference mu/sigma files.

Run from this folder with /usr/bin/python3 (numpy 2.4.6 was used). pytorch-fid's --save-stats
writes np.savez(path, mu=mu, sigma=sigma); the real side is also written compressed, as
torch-fidelity and other tools do, to cover deflated members.
"""
import numpy as np

mu_r, sigma_r = np.load("d8_basic_mu_real.npy"), np.load("d8_basic_sigma_real.npy")
mu_f, sigma_f = np.load("d8_basic_mu_fake.npy"), np.load("d8_basic_sigma_fake.npy")
np.savez_compressed("d8_basic_stats_real_compressed.npz", mu=mu_r, sigma=sigma_r)
np.savez("d8_basic_stats_fake.npz", mu=mu_f, sigma=sigma_f)
np.savez("d8_basic_stats_no_sigma.npz", mu=mu_r)
