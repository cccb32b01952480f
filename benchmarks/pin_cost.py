"""What the staff PIN's scrypt cost costs staff, and what it costs an attacker.

    python benchmarks/pin_cost.py [--repeat N]

Staff wait for one hash each time they type the PIN; someone who has read
the config file pays one hash per guess. Prints the median time of one hash
with the kiosk's cost and with the earlier one (n = 2**14) as the baseline,
measured in the same run, and what trying every PIN of 4, 6 and 8 digits
takes on one core at that pace.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import time

from kiosk.staff import pin

EARLIER_N = 2**14


def median_seconds(n: int, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        hashlib.scrypt(
            b"482913",
            salt=bytes(16),
            n=n,
            r=pin.SCRYPT_R,
            p=pin.SCRYPT_P,
            maxmem=pin.SCRYPT_MAXMEM,
            dklen=pin.HASH_BYTES,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def duration(seconds: float) -> str:
    for unit, size in (("days", 86_400), ("hours", 3_600), ("minutes", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f} {unit}"
    return f"{seconds:.0f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="hashes per cost (default: 9)")
    args = parser.parse_args()
    # Alternate the two costs, so that a busy moment on a shared machine
    # slows both alike.
    earlier, current = [], []
    for _ in range(3):
        earlier.append(median_seconds(EARLIER_N, args.repeat))
        current.append(median_seconds(pin.SCRYPT_N, args.repeat))
    rows = [("earlier", EARLIER_N, statistics.median(earlier))]
    rows.append(("kiosk", pin.SCRYPT_N, statistics.median(current)))
    header = f"{'cost':<8} {'n':>7} {'memory':>8} {'one PIN':>9} {'ratio':>6}"
    print(f"{header}  every PIN, 4/6/8 digits, one core")
    for name, n, seconds in rows:
        memory = 128 * pin.SCRYPT_R * n / 2**20
        ratio = seconds / rows[0][2]
        every = " / ".join(duration(seconds * 10**digits) for digits in (4, 6, 8))
        print(
            f"{name:<8} {n:>7} {memory:>5.0f} MiB {seconds * 1000:>6.0f} ms {ratio:>5.2f}x  {every}"
        )


if __name__ == "__main__":
    main()
