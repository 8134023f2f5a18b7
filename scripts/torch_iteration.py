#!/usr/bin/env python3
"""Times the SinGAN training iteration of `sgs-bench` (Sources/Bench/IterationSection.swift)
in PyTorch, for comparison on the same machine: 188x250 image, 32 channels, 5-layer G and D
(conv 3x3 unpadded -> BatchNorm -> LeakyReLU 0.2, plain conv tail; G adds tanh and the
residual), inputs zero-padded by 5; one frozen coarser generator (141x188, upsampled) run per
D step; 3 D steps with the WGAN-GP penalty (create_graph), then 3 G steps (adversarial loss
plus 10 x reconstruction MSE); Adam(lr 5e-4, betas 0.5/0.999).

A comparison tool, not a dependency: it needs `pip install torch` and exits with status 2
(and a message) when torch is missing.

    python3 scripts/torch_iteration.py [--threads 2] [--iterations 3] [--cpu-time] [--json]

Prints the median seconds of the timed iterations after one warm-up. `--cpu-time` (with
`--threads 1`) reads the thread's CPU time instead of the wall clock, as `sgs-bench --cpu-time`
does: on a shared machine that is the comparable figure.
"""
import argparse
import json
import statistics
import sys
import time

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:
    print("torch_iteration.py: PyTorch is not installed (pip install torch); nothing timed",
          file=sys.stderr)
    sys.exit(2)

PAD = 5


def block(cin, cout):
    return [nn.Conv2d(cin, cout, 3), nn.BatchNorm2d(cout), nn.LeakyReLU(0.2)]


class Generator(nn.Module):
    def __init__(self, width):
        super().__init__()
        layers = block(3, width)
        for _ in range(3):
            layers += block(width, width)
        self.body = nn.Sequential(*layers, nn.Conv2d(width, 3, 3))

    def forward(self, noise, previous):
        x = F.pad(noise + previous, (PAD,) * 4)
        return torch.tanh(self.body(x)) + previous


class Discriminator(nn.Module):
    def __init__(self, width):
        super().__init__()
        layers = block(3, width)
        for _ in range(3):
            layers += block(width, width)
        self.body = nn.Sequential(*layers, nn.Conv2d(width, 1, 3))

    def forward(self, x):
        return self.body(x)


def gradient_penalty(d, real, fake, weight=0.1):
    alpha = torch.rand(1).item()
    mixed = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
    out = d(mixed)
    (slope,) = torch.autograd.grad(out.sum(), mixed, create_graph=True)
    return ((slope.norm(2, dim=1) - 1) ** 2).mean() * weight


def iteration(g, d, coarse_g, opt_g, opt_d, real, coarse_real, z_opt, prev_rec):
    h, w = real.shape[2:]
    z = torch.randn(1, 1, h, w).expand(1, 3, h, w)
    for _ in range(3):
        with torch.no_grad():
            coarse = coarse_g(torch.randn_like(coarse_real), torch.zeros_like(coarse_real))
            prev = F.interpolate(coarse, size=(h, w), mode="bilinear", align_corners=False)
        opt_d.zero_grad()
        fake = g(z, prev).detach()
        loss = -d(real).mean() + d(fake).mean() + gradient_penalty(d, real, fake)
        loss.backward()
        opt_d.step()
    for _ in range(3):
        opt_g.zero_grad()
        err = -d(g(z, prev)).mean()
        rec = F.mse_loss(g(z_opt, prev_rec), real) * 10
        (err + rec).backward()
        opt_g.step()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--iterations", type=int, default=3)
    parser.add_argument("--cpu-time", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.cpu_time and args.threads != 1:
        parser.error("--cpu-time measures one thread: use it with --threads 1")
    clock = time.thread_time if args.cpu_time else time.perf_counter
    torch.set_num_threads(args.threads)
    torch.manual_seed(7)
    width, h, w = 32, 188, 250
    g, d, coarse_g = Generator(width), Discriminator(width), Generator(width)
    coarse_g.eval()
    opt_g = torch.optim.Adam(g.parameters(), lr=5e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=5e-4, betas=(0.5, 0.999))
    real = torch.rand(1, 3, h, w) * 2 - 1
    coarse_real = torch.rand(1, 3, 141, 188) * 2 - 1
    z_opt = torch.zeros_like(real)
    prev_rec = torch.rand_like(real) * 2 - 1
    times = []
    for _ in range(args.iterations + 1):
        start = clock()
        iteration(g, d, coarse_g, opt_g, opt_d, real, coarse_real, z_opt, prev_rec)
        times.append(clock() - start)
    seconds = statistics.median(times[1:])
    if args.json:
        print(json.dumps({"torch_iter_seconds": round(seconds, 3), "torch_version": torch.__version__,
                          "threads": args.threads, "cpu_time": args.cpu_time,
                          "times": [round(t, 3) for t in times]}))
    else:
        clock_name = "CPU time" if args.cpu_time else "wall clock"
        print(f"PyTorch {torch.__version__}, {args.threads} threads, {clock_name}: {seconds:.3f} s per iteration "
              f"(median of {args.iterations} after one warm-up; all: {', '.join(f'{t:.2f}' for t in times)})")


if __name__ == "__main__":
    main()
