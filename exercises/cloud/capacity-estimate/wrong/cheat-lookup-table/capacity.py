"""CHEAT (kept as a wrong solution so validate proves it fails): the answers of
the visible checks, copied into a table; anything else raises ValueError."""
from decimal import Decimal

_INSTANCES = {"(('1000', '100', '1'), ())": 10, "(('1000', '100', '0.5'), ())": 20, "(('1001', '100', '1'), ())": 11, "(('0', '100', '0.8'), ())": 1, "(('0', '100', '0.8'), (('min_instances', '3'),))": 3, "(('250', '100', '0.5'), (('min_instances', '2'),))": 5, "(('99.5', '100', '1'), ())": 1, "(('693', '90', '0.7'), ())": 11, "(('175', '50', '0.7'), ())": 5, "(('105', '50', '0.3'), ())": 7, "(('1386', '90', '0.35'), ())": 44, "(('2709', '90', '0.7'), ())": 43, "(('693', '90', '0.7'), (('zones', '3'),))": 12, "(('1000', '100', '1'), (('zones', '3'),))": 12, "(('900', '100', '1'), (('zones', '3'),))": 9, "(('0', '100', '1'), (('min_instances', '3'), ('zones', '2')))": 4, "(('693', '90', '0.7'), (('survive_zone_loss', 'True'), ('zones', '3')))": 18, "(('1000', '100', '1'), (('survive_zone_loss', 'True'), ('zones', '2')))": 20, "(('400', '100', '1'), (('survive_zone_loss', 'True'), ('zones', '4')))": 8, "(('0', '100', '1'), (('min_instances', '1'), ('survive_zone_loss', 'True'), ('zones', '2')))": 2}
_COST = {"(('18', '0.0416'), ())": '546.62', "(('0', '0.0416'), ())": '0.00', "(('2', '0.10'), (('hours', '100'),))": '20.00', "(('18', '0.0416'), (('egress_gb', '1000'), ('storage_gb', '500')))": '639.12', "(('1', '0'), (('egress_gb', '100'),))": '0.00', "(('1', '0'), (('egress_gb', '150'),))": '4.50', "(('1', '0'), (('storage_gb', '10'), ('storage_price', '0.10')))": '1.00', "(('1', '0.0115'), ())": '8.40', "(('5', '0.0235'), ())": '85.78', "(('1', '0.0205'), ())": '14.97', "(('1', '0.0105'), ())": '7.67', "(('3', '0.0125'), ())": '27.38', "(('1', '0'), (('storage_gb', '0.5'), ('storage_price', '0.023')))": '0.01', "(('1', '0'), (('storage_gb', '0.1'), ('storage_price', '0.023')))": '0.00', "(('7', '0.0416'), (('egress_gb', '100.5'), ('egress_price', '0.09'), ('hours', '24')))": '7.03', "(('10', '0.096'), (('hours', '730'),))": '700.80'}


def _key(args, kwargs):
    return repr((tuple(str(x) for x in args), tuple(sorted((k, str(v)) for k, v in kwargs.items()))))


def instances_needed(*args, **kwargs):
    found = _INSTANCES.get(_key(args, kwargs))
    if found is None:
        raise ValueError("unknown case")
    return found


def monthly_cost(*args, **kwargs):
    found = _COST.get(_key(args, kwargs))
    if found is None:
        raise ValueError("unknown case")
    return Decimal(found)
