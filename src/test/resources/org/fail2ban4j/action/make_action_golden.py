#!/usr/bin/env python3
"""Writes action-golden.jsonl: the commands fail2ban 1.1.1's CommandAction runs for the stock actions.

Run with fail2ban 1.1.1 importable and its source tree (for the test-case table) given:
    PYTHONPATH=<fail2ban-1.1.1 source root> python3 make_action_golden.py \
        <fail2ban-1.1.1 source root> <fail2ban-1.1.1 config dir> > action-golden.jsonl

Each line is one case: the properties the client's ActionReader sends for an action (as the server's
`set <jail> action <act> <key> <value>` stream), and for each step of a scenario (start, ban/unban of an
IPv4 and an IPv6 ticket, reban, prolong, consistency check, flush, stop) the commands executed (script and
positional arguments, timeout) and the error raised, if any. Commands can be made to fail ("fail" rules:
the first `times` commands containing `match` fail), to follow check/repair/retry.

Environment of the run: time 1700000200.25, IPv6 allowed, host name fakehost(.example.test), reverse DNS
192.0.2.1 -> test-host, no database, jail ban time 600.
"""
import ast
import json
import os
import sys

from fail2ban.client.actionreader import ActionReader
from fail2ban.helpers import extractOptions
from fail2ban.server import action as _action
from fail2ban.server.actions import Actions
from fail2ban.server.ipdns import DNSUtils, IPAddr
from fail2ban.server.jail import Jail
from fail2ban.server.mytime import MyTime
from fail2ban.server.ticket import BanTicket

SRC, CONFIG_DIR = sys.argv[1], sys.argv[2]

MyTime.setTime(1700000200.25)
_action.allowed_ipv6 = lambda: True
DNSUtils.getHostname = staticmethod(lambda fqdn=True: "fakehost.example.test" if fqdn else "fakehost")
_REV = {"192.0.2.1": "test-host"}
DNSUtils.ipToName = staticmethod(lambda ip: _REV.get(str(ip)))

HOSTILE_USER = "$(touch f2b-pwned)`id`'\"; rm -rf x\nnext <ip>"
MATCHES4 = [
    "Dec 31 11:59:59 sshd[1]: Failed password for $(touch f2b-pwned) from 192.0.2.1 port 22",
    "Dec 31 11:59:59 sshd[1]: Invalid user `id` from 192.0.2.1 ; it's \"quoted\" & <b>bold</b>",
]


def tickets():
    t4 = BanTicket("192.0.2.1", 1700000000.5, MATCHES4)
    t4.setBanTime(600)
    t4.setAttempt(3)
    t4.setData("user", HOSTILE_USER)
    t4.setData("port", "22")
    t6 = BanTicket("2001:DB8::", 1700000100)
    t6.setBanCount(2)
    t6.setAttempt(5)
    t6.restored = True
    return {"ipv4": t4, "ipv6": t6}


def stock_cases():
    """Every stock action with default options, as upstream's testCheckStockAllActions."""
    for f in sorted(os.listdir(os.path.join(CONFIG_DIR, "action.d"))):
        if f.endswith(".conf"):
            act = f[:-5]
            yield "j-" + act, act


def upstream_cases():
    """The parametrised actions of upstream's testCheckStockCommandActions."""
    path = os.path.join(SRC, "fail2ban", "tests", "servertestcase.py")
    tree = ast.parse(open(path).read())
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "testCheckStockCommandActions":
            for st in node.body:
                if isinstance(st, ast.Assign) and getattr(st.targets[0], "id", "") == "testJailsActions":
                    for el in st.value.elts:
                        yield _const(el.elts[0]), _const(el.elts[1])


def _const(node):
    """A constant string expression of the test table (literals, possibly joined with +)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _const(node.left) + _const(node.right)
    return ast.literal_eval(node)


def stream_for(jail, act):
    act = act.replace("%(__name__)s", jail)
    name, opts = extractOptions(act)
    reader = ActionReader(name, jail, opts, share_config={}, basedir=CONFIG_DIR)
    if not reader.read():
        raise ValueError("cannot read %s" % act)
    reader.getOptions({})
    props = []
    actname = None
    for cmd in reader.convert():
        if cmd[2] == "addaction":
            actname = cmd[3]
        elif cmd[0] == "multi-set":
            props.extend([list(kv) for kv in cmd[4]])
        else:
            props.append([cmd[4], cmd[5]])
    return actname, props


SCENARIO = ["start", "ban4", "unban4", "ban6", "unban6", "reban4", "prolong4", "check", "flush", "stop"]


def run_case(jail_name, actname, props, fail=()):
    jail = Jail(jail_name, backend="polling")
    a = _action.CommandAction(jail, actname)
    for k, v in props:
        setattr(a, k, v)
    rules = [dict(r) for r in fail]
    steps = []

    def execute(realCmd, timeout=60, **kwargs):
        if not realCmd:
            return True
        cmd = realCmd if isinstance(realCmd, list) else [realCmd]
        steps[-1]["cmds"].append({"t": str(timeout), "c": list(cmd)})
        for r in rules:
            if r["times"] > 0 and r["match"] in cmd[0]:
                r["times"] -= 1
                return False
        return True

    a.executeCmd = execute
    for step in SCENARIO:
        steps.append({"op": step, "cmds": []})
        tk = tickets()
        info = lambda t: Actions.ActionInfo(tk[t], jail)
        try:
            if step == "start":
                a.start()
            elif step == "ban4":
                a.ban(info("ipv4"))
            elif step == "unban4":
                a.unban(info("ipv4"))
            elif step == "ban6":
                a.ban(info("ipv6"))
            elif step == "unban6":
                a.unban(info("ipv6"))
            elif step == "reban4":
                a.reban(info("ipv4"))
            elif step == "prolong4":
                if not a._prolongable:
                    steps.pop()
                    continue
                a.prolong(info("ipv4"))
            elif step == "check":
                steps[-1]["result"] = bool(a.consistencyCheck())
            elif step == "flush":
                steps[-1]["result"] = bool(a.flush())
            elif step == "stop":
                a.stop()
        except Exception as e:
            steps[-1]["error"] = str(e)
        steps[-1]["banEpoch"] = a.banEpoch
    return steps


SYNTHETIC = [
    # check fails after a failed ban, repair succeeds, ban retried:
    ("j-repair", "repairing", [
        ["actionstart", "start <name>"], ["actioncheck", "check <name>"], ["actionrepair", "repair <name>"],
        ["actionban", "ban <ip> <F-USER>"], ["actionunban", "unban <ip>"], ["actionstop", "stop <name>"],
        ["name", "j"]], [{"match": "ban 192.0.2.1", "times": 1}, {"match": "check", "times": 1}]),
    # no repair command: stop and start again, then retry:
    ("j-restart", "restarting", [
        ["actionstart", "start"], ["actioncheck", "check"], ["actionban", "ban <ip>"],
        ["actionunban", "unban <ip>"], ["actionstop", "stop"]],
     [{"match": "ban 192.0.2.1", "times": 1}, {"match": "check", "times": 1}]),
    # repair fails: ban error:
    ("j-norepair", "broken", [
        ["actionstart", "start"], ["actioncheck", "check"], ["actionrepair", "repair"], ["actionban", "ban <ip>"],
        ["actionunban", "unban <ip>"], ["actionstop", "stop"]],
     [{"match": "ban ", "times": 2}, {"match": "check", "times": 5}, {"match": "repair", "times": 5}]),
    # unban fails and check fails: no repair without actionrepair_on_unban:
    ("j-unban", "unbanfail", [
        ["actionstart", "start"], ["actioncheck", "check"], ["actionrepair", "repair"], ["actionban", "ban <ip>"],
        ["actionunban", "unban <ip>"], ["actionstop", "stop"]],
     [{"match": "unban", "times": 1}, {"match": "check", "times": 1}]),
    ("j-unban2", "unbanrepair", [
        ["actionstart", "start"], ["actioncheck", "check"], ["actionrepair", "repair"], ["actionban", "ban <ip>"],
        ["actionunban", "unban <ip>"], ["actionstop", "stop"], ["actionrepair_on_unban", True]],
     [{"match": "unban", "times": 1}, {"match": "check", "times": 1}]),
    # family conditionals, on demand; reban command; prolong; flush:
    ("j-fam", "fam", [
        ["actionstart", "start <tool> <family>"], ["actionstop", "stop <tool>"], ["actioncheck", "check <tool>"],
        ["actionban", "ban <tool> <ip> <blocktype>"], ["actionreban", "reban <ip>"],
        ["actionprolong", "prolong <ip> <bantime>"], ["actionunban", "unban <tool> <ip>"],
        ["actionflush", "flush <tool>"], ["tool", "iptables"], ["tool?family=inet6", "ip6tables"],
        ["blocktype", "REJECT"], ["blocktype?family=inet6", "REJECT --v6"], ["norestored", True]], []),
    # not on demand despite conditionals; start fails for one family:
    ("j-fam2", "famstart", [
        ["actionstart", "start <tool>"], ["actionstop", "stop <tool>"], ["actionban", "ban <tool> <ip>"],
        ["actionunban", "unban <tool> <ip>"], ["tool", "iptables"], ["tool?family=inet6", "ip6tables"],
        ["actionstart_on_demand", False]], [{"match": "start ip6tables", "times": 1}]),
    # all dynamic tags:
    ("j-tags", "tags", [
        ["actionstart", "start t=<time> f=<family> ip=[<ip>] fq=<fq-hostname> sh=<sh-hostname><br>x<sp>y"],
        ["actionban", "ban ip=<ip> rev=<ip-rev> host=<ip-host> fid=<fid> fam=<family> fail=<failures> "
                      "t=<time> bt=<bantime> bc=<bancount> r=<restored> u=<F-USER> p=<F-PORT> id=<F-ID> "
                      "none=<F-NONE> m=<matches> im=<ipmatches> ijm=<ipjailmatches> if=<ipfailures> "
                      "ijf=<ipjailfailures> jn=<jail.name> jb=<jail.banned> jf=<jail.found> "
                      "raw=<raw-ticket> all=<F-*> unk=<unknown> br=<br> sp=<sp> fq=<fq-hostname>"],
        ["actionunban", "unban <ip> m=<matches>"], ["timeout", "1.5m"]], []),
    # self-referencing properties: error on start, ValueError text:
    ("j-selfref", "selfref", [["actionstart", "start <a>"], ["a", "<b>"], ["b", "<a>"], ["actionban", "ban <ip>"]],
     []),
    # escaped static tags in properties (matches given as a property):
    ("j-escprop", "escprop", [["actionban", "ban <ip> <matches> <x>"], ["matches", "a;b $(c)"], ["x", "<ip>!"]],
     []),
]


def main():
    out = sys.stdout
    seen = set()
    cases = [(j, a) for j, a in upstream_cases()] + list(stock_cases())
    for jail, act in cases:
        key = (jail, act)
        if key in seen:
            continue
        seen.add(key)
        try:
            actname, props = stream_for(jail, act)
        except Exception as e:  # unreadable stock action: left out
            sys.stderr.write("skip %s %s: %s\n" % (jail, act, e))
            continue
        rec = {"jail": jail, "action": act, "actname": actname, "props": props, "fail": [],
               "steps": run_case(jail, actname, props)}
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    for jail, actname, props, fail in SYNTHETIC:
        rec = {"jail": jail, "action": actname, "actname": actname, "props": props, "fail": fail,
               "steps": run_case(jail, actname, props, fail)}
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


main()
