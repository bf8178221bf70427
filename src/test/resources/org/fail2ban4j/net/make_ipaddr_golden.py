#!/usr/bin/env python3
"""Writes ipaddr-golden.jsonl: what fail2ban's IPAddr (1.1.1) says about many address texts.

Run with fail2ban 1.1.1 importable (PYTHONPATH=<fail2ban-1.1.1 source root>):
    python3 make_ipaddr_golden.py > ipaddr-golden.jsonl
"""
import json
import random
import sys

from fail2ban.server.ipdns import IPAddr

FAM = {IPAddr.CIDR_RAW: "RAW", 0: "INVALID", 2: "INET4", 10: "INET6"}


def describe(text, cidr):
    rec = {"kind": "parse", "text": text, "cidr": cidr}
    try:
        ip = IPAddr(text, cidr)
    except Exception as e:  # ValueError for an invalid mask
        rec["error"] = str(e)
        return rec
    rec.update({
        "str": str(ip), "valid": ip.isValid, "family": FAM[ip.family], "plen": ip.plen,
        "single": ip.isSingle, "hex": ip.hexdump, "ptr": ip.getPTR(), "rev": ip.getPTR(""),
        "famstr": ip.familyStr, "raw": ip.raw, "type": ip.instanceType, "addr": str(ip.addr),
    })
    try:
        rec["maskplen"] = ip.maskplen
    except ValueError as e:
        rec["maskerror"] = str(e)
    return rec


def v6_forms(rnd):
    words = [rnd.choice([0, 0, 0, 1, 0xffff, rnd.randrange(0x10000)]) for _ in range(8)]
    full = ":".join("%x" % w for w in words)
    padded = ":".join("%04X" % w for w in words)
    out = [full, padded]
    # one "::" at a random zero run
    for i in range(8):
        for j in range(i + 1, 9):
            if all(w == 0 for w in words[i:j]) and j - i >= 1:
                out.append(":".join("%x" % w for w in words[:i]) + "::" + ":".join("%x" % w for w in words[j:]))
                break
    if rnd.random() < 0.3:
        out.append(":".join("%x" % w for w in words[:6]) + ":%d.%d.%d.%d" % tuple(rnd.randrange(256) for _ in range(4)))
    return out


def main():
    rnd = random.Random(20240611)
    texts = [
        "1.2.3.4", "0.0.0.0", "255.255.255.255", "127.0.0.1", "192.0.2.1", "01.02.03.004", "1.2.3.04", "00.0.0.0",
        "255.255.255.256", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1.2.3.4.", ".1.2.3.4", "1..2.3", "", "abc", "0x1.2.3.4",
        " 1.2.3.4", "1.2.3.4 ", "1.2.3.4\n", "[1.2.3.4]", "[]", "[", "[::1]", "[::1]/64", "[::1/64]", "[abc]",
        "::", "::1", "::0", "1::", "::ffff", "::ffff:1.2.3.4", "::ffff:0:1.2.3.4", "::1.2.3.4", "::0.0.1.0",
        "::ffff:0:0", "::ffff:0.0.0.0", "0:0:0:0:0:ffff:102:304", "::ffff:102:304/96", "::ffff:1.2.3.4/120",
        "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8",
        "1::2:3:4:5:6:7", "1:0:0:2:0:0:0:3", "1:0:0:0:2:0:0:3", "0:0:1:0:0:1:0:0", "1:2:3:4:5:6:1.2.3.4",
        "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5::1.2.3.4", ":1::", "1:::2", ":::", "1::2::3", "12345::", "1:2",
        "ABCD::EF", "2001:DB8:0:0:1:0:0:1", "2001:db8::1", "2001:db8::0:1", "2001:0db8:0000:0000:0000:0000:0000:0007",
        "fe80::1%eth0", "fe80::1%1", "2001:db8::g", "2001:db8:::1", "::ffff:1.2.3", "::ffff:01.2.3.4",
        "1.2.3.4/24", "1.2.3.4/0", "1.2.3.4/32", "1.2.3.4/33", "1.2.3.4/999", "1.2.3.4/024", "1.2.3.4/+24",
        "1.2.3.4/ 24", "1.2.3.4/", "/24", "1.2.3.4/24/24", "1.2.3.4/255.255.0.0", "1.2.3.4/255.255.255.128",
        "1.2.3.4/255.255.255.255", "1.2.3.4/0.0.0.0", "1.2.3.4/255.0.255.0", "1.2.3.4/999.999.999.999",
        "1.2.3.4/ffff::", "1.2.3.4/::ffff:ffff:ff00", "1.2.3.4/::255.255.255.0", "2001:db8::1/255.255.0.0",
        "2001:db8::/32", "2001:db8::/ffff::", "::/0", "::/32", "::1/128", "::1/129", "2001:db8::1/64\n",
        "2606:28ff:220:1:248:1893:25c8::/ffff:ff80::", "2606:28ff:220:1:248:1893:25c8::/ffff::/::1",
        "some/path/as/id", "other-path/24", "1.2.3.4/path", "example.com", "localhost", "test-subnet-a",
        "93.184.0.1/24", "2606:2800:220:1:248:1893:25c8:0/120", "\u0661.\u0662.\u0663.\u0664", "1.2.3.4/\u0662\u0664",
    ]
    handmade = len(texts)
    for _ in range(50):
        texts.extend(v6_forms(rnd))
    for _ in range(80):
        parts = [rnd.choice(["0", "00", "1", "01", "10", "255", "256", "99", "009", str(rnd.randrange(256))])
                 for _ in range(4)]
        texts.append(".".join(parts))
        if rnd.random() < 0.3:
            texts.append(".".join(parts) + "/" + str(rnd.randrange(40)))
    cidrs = (IPAddr.CIDR_RAW, IPAddr.FAM_IPv4, IPAddr.FAM_IPv6, 0, 24, 31, 33, 96, 120, 200)
    seen = set()
    for n, t in enumerate(texts):
        chosen = (IPAddr.CIDR_UNSPEC,) + (cidrs if n < handmade else (rnd.choice(cidrs),))
        for cidr in chosen:
            if (t, cidr) not in seen:
                seen.add((t, cidr))
                print(json.dumps(describe(t, cidr), ensure_ascii=True))
    # searchIP
    for t in list(dict.fromkeys(texts)) + ["[1.2.3.4", "1.2.3.4]", "::1]", "[::1", "999.1.1.1", "1.2.3.4/24", "a1.2.3.4"]:
        print(json.dumps({"kind": "search", "text": t, "result": IPAddr.searchIP(t)}, ensure_ascii=True))
    # membership
    nets = ["1.2.3.0/24", "1.2.3.4/33", "1.2.3.4/0", "93.184.0.1/24", "2606:2800:220:1:248:1893:25c8:0/120", "::/32",
            "::/0", "2001:db8::/32", "192.0.2.0/29", "1.2.3.4", "::1", "::ffff:102:304/96", "2001:db8::/ffff::"]
    ips = ["1.2.3.4", "1.2.3.255", "1.2.4.0", "93.184.0.1", "93.184.0.255", "93.184.1.0", "::", "::1", "1::",
           "0000:0000:7777::", "0000:0001:ffff::", "2606:2800:220:1:248:1893:25c8:1", "2606:2800:220:1:248:1893:25c8:ff",
           "2606:2800:220:1:248:1893:25c8:100", "2001:db8::1", "2001:DB9::", "192.0.2.7", "192.0.2.8", "1.2.3.0/24",
           "1.2.3.0/25", "1.2.0.0/16", "xxx", "::ffff:0:0"]
    for n in nets:
        for i in ips:
            a, b = IPAddr(i), IPAddr(n)
            print(json.dumps({"kind": "net", "ip": i, "net": n, "isInNet": bool(a.isInNet(b)),
                              "contains": bool(b.contains(a)), "eq": bool(a == b)}))
    raw = IPAddr("1.2.3.4", IPAddr.CIDR_RAW)
    for n in nets:
        print(json.dumps({"kind": "net", "ip": "RAW:1.2.3.4", "net": n, "isInNet": bool(raw.isInNet(IPAddr(n))),
                          "contains": bool(IPAddr(n).contains(raw)), "eq": bool(raw == IPAddr(n))}))


if __name__ == "__main__":
    sys.exit(main())
