# Generates pickles.txt: how Python pickles the values PickleCodecTest expects, in every protocol.
# Run with the Python that ships fail2ban: python3 gen-pickles.py > pickles.txt
import pickle
from fail2ban.exceptions import UnknownJailException, DuplicateJailException


class IPAddr(object):
    """Like fail2ban 1.1.1's IPAddr: pickled as str(ip)."""
    def __init__(self, ip):
        self.ip = ip

    def __reduce__(self):
        return (str, (self.ip,))


VALUES = {
    'command': ['set', 'sshd', 'addfailregex', '^x <HOST>$'],
    'multiset': ['multi-set', 'sshd', 'action', 'iptables', [['actionban', 'a <ip>'], ['port', 'ssh']]],
    'ints': [0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, -2**31, 2**31, 2**63 - 1, -2**63],
    'bigints': [2**64, -2**70],
    'floats': [0.5, -1.25, 1e100, 0.1],
    'constants': [True, False, None],
    'tuples': (1, ('a', 'b'), (), (1,), (1, 2, 3, 4)),
    'dict': {'b': 1, 'a': [1, 2], 'c': None, 'd': 'x', 'e': 5, 'f': 6, 'g': 7},
    'set': {'x'},
    'frozenset': frozenset(['y']),
    'bytes': [b'abc', b'', bytes(range(256))],
    'bytearray': bytearray(b'xy'),
    'unicode': ['h\u00e9llo', '\u2603 snow', 'a\nb\\c', '\U0001F600', ''],
    'nested': [[['a', 'b'], ['c', 'd']]],
    'shared': [[1], [1]],
    'longstr': 'x' * 300,
    'status': [('Currently failed', 0), ('Total failed', 5), ('File list', ['/var/log/auth.log'])],
    'okreply': (0, 'pong'),
    'unknownjail': (1, UnknownJailException('nosuch')),
    'duplicatejail': (1, DuplicateJailException('sshd')),
    'indexerror': (1, IndexError('list index out of range')),
    'invalid': (1, Exception('Invalid command')),
    'valueerror': (1, ValueError('invalid literal for int() with base 10: \'x\'')),
    'noargs': (1, Exception()),
    'twoargs': (1, Exception('a', 1)),
    'ipaddr': (0, [IPAddr('192.0.2.1'), IPAddr('2001:db8::1')]),
}

for name, v in VALUES.items():
    for p in range(0, pickle.HIGHEST_PROTOCOL + 1):
        print(name, p, pickle.dumps(v, p).hex())

GARBAGE = [b'', b'\xff', b'\x80\x06N.', b'a', b'0', b'N', b'(l', b'\x80\x02]q\x00',
           b'\x80\x02X\x05\x00\x00\x00ab', b'\x80\x05\x95', b'\x80\x04\x8c\x01',
           b"'", b'\\']
for g in GARBAGE:
    try:
        pickle.loads(g)
        raise SystemExit('unexpectedly loaded %r' % g)
    except Exception as e:
        print('garbage', g.hex() or '-', str(e))
