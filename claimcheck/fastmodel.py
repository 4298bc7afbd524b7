"""Building pydantic models from values already typed, without validating them again."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

_M = TypeVar("_M", bound=BaseModel)
_UNSEEN: Any = object()
_setattr = object.__setattr__
_DEFAULTS: dict[type, tuple[dict[str, Any], frozenset[str]] | None] = {}


def _plain_defaults(cls: type[BaseModel]) -> tuple[dict[str, Any], frozenset[str]] | None:
    """The constant defaults of a model's fields, or None if the model must be validated.

    A model with validators, private attributes, extra fields or a default factory other than `list`
    and `dict` is always built by validation.
    """
    dec = cls.__pydantic_decorators__
    if (dec.field_validators or dec.model_validators or dec.validators or dec.root_validators
            or cls.__private_attributes__ or cls.model_config.get("extra") not in (None, "ignore")):
        return None
    consts: dict[str, Any] = {}
    factories: set[str] = set()
    for name, info in cls.model_fields.items():
        if info.default_factory in (list, dict):
            factories.add(name)
        elif info.default_factory is not None:
            return None
        elif not info.is_required():
            if not isinstance(info.default, (str, int, float, bool, type(None), tuple)):
                return None
            consts[name] = info.default
    return consts, frozenset(factories)


def make_model(cls: type[_M], **values: Any) -> _M:
    """`cls(**values)` without re-validating values the caller has typed exactly (ints, floats, strs).

    Validating a claim cost more than finding it (a wall of digits makes 190 000 claims a megabyte);
    the result is equal to the validated model, fields set included. Models with validators or
    private attributes are validated as usual.
    """
    spec = _DEFAULTS.get(cls, _UNSEEN)
    if spec is _UNSEEN:
        spec = _DEFAULTS[cls] = _plain_defaults(cls)
    if spec is None:
        return cls(**values)
    consts, factories = spec
    # fields in their declared order, as validation would store them: serialisation follows this order
    d: dict[str, Any] = {}
    for name, info in cls.model_fields.items():
        if name in values:
            d[name] = values[name]
        elif name in factories:
            d[name] = info.default_factory()  # type: ignore[misc,call-arg]
        else:
            d[name] = consts[name]
    extra = set(values) - set(d)
    if extra:
        raise TypeError(f"{cls.__name__} has no field(s) {sorted(extra)}")
    obj = cls.__new__(cls)
    _setattr(obj, "__dict__", d)
    _setattr(obj, "__pydantic_fields_set__", set(values))
    _setattr(obj, "__pydantic_extra__", None)
    _setattr(obj, "__pydantic_private__", None)
    return obj
