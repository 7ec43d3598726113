#!/usr/bin/python3
"""Times a pytorch-fid-style InceptionV3 forward (FID variant: FIDInceptionA/C/E, BN eps 0.001,
bilinear resize to 299, 2x-1) on the CPU, for the README's comparison with InceptionBenchmark.
Random weights (timing only). Written from the architecture description in the README / reference
fixtures; needs only Debian's python3-torch (no torchvision):
    /usr/bin/python3 examples/bench/pytorch_fid_inception_baseline.py [batch=32] [reps=3] [threads=all cores]
Prints images/s of the median repetition.
"""
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicConv2d(nn.Module):
    def __init__(self, cin, cout, k, stride=1, padding=0):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride=stride, padding=padding, bias=False)
        self.bn = nn.BatchNorm2d(cout, eps=0.001)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


def same(cin, cout, k):
    k = (k, k) if isinstance(k, int) else k
    return BasicConv2d(cin, cout, k, padding=(k[0] // 2, k[1] // 2))


def avg(x):
    return F.avg_pool2d(x, 3, stride=1, padding=1, count_include_pad=False)


class A(nn.Module):
    def __init__(self, cin, pool):
        super().__init__()
        self.b1, self.b5_1, self.b5_2 = same(cin, 64, 1), same(cin, 48, 1), same(48, 64, 5)
        self.d1, self.d2, self.d3 = same(cin, 64, 1), same(64, 96, 3), same(96, 96, 3)
        self.bp = same(cin, pool, 1)

    def forward(self, x):
        return torch.cat([self.b1(x), self.b5_2(self.b5_1(x)), self.d3(self.d2(self.d1(x))), self.bp(avg(x))], 1)


class B(nn.Module):
    def __init__(self, cin):
        super().__init__()
        self.b3 = BasicConv2d(cin, 384, 3, stride=2)
        self.d1, self.d2, self.d3 = same(cin, 64, 1), same(64, 96, 3), BasicConv2d(96, 96, 3, stride=2)

    def forward(self, x):
        return torch.cat([self.b3(x), self.d3(self.d2(self.d1(x))), F.max_pool2d(x, 3, stride=2)], 1)


class C(nn.Module):
    def __init__(self, cin, c7):
        super().__init__()
        self.b1 = same(cin, 192, 1)
        self.s = nn.Sequential(same(cin, c7, 1), same(c7, c7, (1, 7)), same(c7, 192, (7, 1)))
        self.d = nn.Sequential(same(cin, c7, 1), same(c7, c7, (7, 1)), same(c7, c7, (1, 7)), same(c7, c7, (7, 1)),
                               same(c7, 192, (1, 7)))
        self.bp = same(cin, 192, 1)

    def forward(self, x):
        return torch.cat([self.b1(x), self.s(x), self.d(x), self.bp(avg(x))], 1)


class D(nn.Module):
    def __init__(self, cin):
        super().__init__()
        self.b3 = nn.Sequential(same(cin, 192, 1), BasicConv2d(192, 320, 3, stride=2))
        self.b7 = nn.Sequential(same(cin, 192, 1), same(192, 192, (1, 7)), same(192, 192, (7, 1)),
                                BasicConv2d(192, 192, 3, stride=2))

    def forward(self, x):
        return torch.cat([self.b3(x), self.b7(x), F.max_pool2d(x, 3, stride=2)], 1)


class E(nn.Module):
    def __init__(self, cin, max_pool):
        super().__init__()
        self.max_pool = max_pool
        self.b1, self.t1 = same(cin, 320, 1), same(cin, 384, 1)
        self.t2a, self.t2b = same(384, 384, (1, 3)), same(384, 384, (3, 1))
        self.d1, self.d2 = same(cin, 448, 1), same(448, 384, 3)
        self.d3a, self.d3b = same(384, 384, (1, 3)), same(384, 384, (3, 1))
        self.bp = same(cin, 192, 1)

    def forward(self, x):
        t = self.t1(x)
        v = self.d2(self.d1(x))
        p = F.max_pool2d(x, 3, stride=1, padding=1) if self.max_pool else avg(x)
        return torch.cat([self.b1(x), self.t2a(t), self.t2b(t), self.d3a(v), self.d3b(v), self.bp(p)], 1)


class FidInception(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(BasicConv2d(3, 32, 3, stride=2), BasicConv2d(32, 32, 3), BasicConv2d(32, 64, 3, padding=1),
                                  nn.MaxPool2d(3, 2), BasicConv2d(64, 80, 1), BasicConv2d(80, 192, 3), nn.MaxPool2d(3, 2))
        self.mixed = nn.Sequential(A(192, 32), A(256, 64), A(288, 64), B(288), C(768, 128), C(768, 160), C(768, 160),
                                   C(768, 192), D(768), E(1280, False), E(2048, True))
        self.fc = nn.Linear(2048, 1008)

    def forward(self, x):
        x = F.interpolate(x, size=(299, 299), mode='bilinear', align_corners=False)
        x = 2 * x - 1
        pool3 = torch.mean(self.mixed(self.stem(x)), dim=(2, 3))
        return pool3, self.fc(pool3)


def main():
    batch = int(sys.argv[1]) if len(sys.argv) > 1 else 32
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else os.cpu_count()
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    net = FidInception().eval()
    x = torch.rand(batch, 3, 299, 299)
    times = []
    with torch.no_grad():
        net(x)  # warm-up
        for _ in range(reps):
            t = time.perf_counter()
            net(x)
            times.append(time.perf_counter() - t)
    med = sorted(times)[len(times) // 2]
    print(f"pytorch {torch.__version__} InceptionV3-FID forward, batch {batch}, {threads} threads: "
          f"{med:.3f} s median of {reps} -> {batch / med:.2f} images/s")


if __name__ == '__main__':
    main()
