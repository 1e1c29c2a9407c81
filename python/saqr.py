"""saqr.py - Python binding of libsaqr's JSBSim-format aircraft and batch API.

A thin ctypes layer over include/saqr.h (saqr_fdm: one aircraft loaded from
JSBSim XML) and include/saqr_batch.h (saqr_batch: N aircraft made from one
loaded model, stepped together on a pool of worker threads).  Standard
library only; arrays are numpy float64 arrays when numpy imports and the
environment variable SAQR_NO_NUMPY is not set, Python lists otherwise.

    import saqr
    with saqr.Fdm() as model:
        model.load_aircraft(root, "c172x")
        model.load_initfile("reset01")
        model.init()
        with saqr.Batch(model, 1000) as batch:
            batch.set("fcs/elevator-cmd-norm", elevators)   # one per aircraft
            batch.step(120)                                  # one second
            alt_ft = batch.get("position/h-sl-ft")

The library is found through the environment variable SAQR_LIB (a path to
libsaqr.so), else at build/rel/libsaqr.so in the repository that holds this
file.  Property names and units are JSBSim's (`velocities/vc-kts`); look a
name up once with Fdm.property() and pass the slot afterwards.

Lifetimes: a Batch keeps its model alive.  Closing the model (close(), the
end of a `with` block, garbage collection) while a batch made from it is
still open only marks it closed; the library handle is destroyed when the
last such batch closes, so the batch is always destroyed before its model.
A copy (Fdm.copy(), a saved state) keeps its loaded aircraft alive the same
way.  An Fdm view returned by Batch.aircraft(i) does not own its handle; it stops
working (SaqrError) once the batch is closed.

Threads: ctypes releases the GIL during every library call, so other
Python threads run meanwhile (Batch.step runs on libsaqr's own workers).
Do not use one Fdm or Batch, or a batch's aircraft views, from two Python
threads at once.

Failures raise SaqrError, carrying the library's message (saqr_fdm_error,
saqr_batch_error) and its status code.
"""

import builtins
import ctypes
import enum
import operator
import os

__all__ = ["SaqrError", "AircraftFailed", "TrimMode", "Fdm", "Batch", "LinearModel", "library_path", "USING_NUMPY"]

# ------------------------------------------------------------------ arrays

_np = None
if not os.environ.get("SAQR_NO_NUMPY"):
    try:
        import numpy as _np
    except ImportError:
        _np = None

#: True when arrays are numpy float64 arrays, False when they are lists.
USING_NUMPY = _np is not None

_c_double_p = ctypes.POINTER(ctypes.c_double)

_LIN_X, _LIN_U = 16, 4      # SAQR_LINEAR_MAX_STATES, SAQR_LINEAR_INPUTS


class _CLinearModel(ctypes.Structure):
    """saqr_linear_model (include/saqr.h)."""
    _fields_ = [("n_states", ctypes.c_int),
                ("state_names", ctypes.c_char_p * _LIN_X), ("state_units", ctypes.c_char_p * _LIN_X),
                ("input_names", ctypes.c_char_p * _LIN_U), ("input_units", ctypes.c_char_p * _LIN_U),
                ("x0", ctypes.c_double * _LIN_X), ("u0", ctypes.c_double * _LIN_U),
                ("a", (ctypes.c_double * _LIN_X) * _LIN_X), ("b", (ctypes.c_double * _LIN_U) * _LIN_X),
                ("c", (ctypes.c_double * _LIN_X) * _LIN_X), ("d", (ctypes.c_double * _LIN_U) * _LIN_X)]


class LinearModel:
    """x' = A x + B u, y = C x + D u about a flight condition (Fdm.linearize).

    states, state_units, inputs, input_units: names (JSBSim's); x0, u0:
    the condition; a, b, c, d: the matrices, numpy arrays (n x n, n x 4)
    when numpy imports, else lists of rows."""

    def __init__(self, m):
        n = m.n_states
        self.states = [m.state_names[i].decode() for i in range(n)]
        self.state_units = [m.state_units[i].decode() for i in range(n)]
        self.inputs = [m.input_names[j].decode() for j in range(_LIN_U)]
        self.input_units = [m.input_units[j].decode() for j in range(_LIN_U)]

        def vec(v, k):
            out = [v[i] for i in range(k)]
            return _np.array(out, dtype=_np.float64) if _np is not None else out

        def mat(v, cols):
            rows = [[v[i][j] for j in range(cols)] for i in range(n)]
            return _np.array(rows, dtype=_np.float64) if _np is not None else rows

        self.x0, self.u0 = vec(m.x0, n), vec(m.u0, _LIN_U)
        self.a, self.b, self.c, self.d = mat(m.a, n), mat(m.b, _LIN_U), mat(m.c, n), mat(m.d, _LIN_U)

    def __repr__(self):
        return f"<saqr.LinearModel {len(self.states)} states, {len(self.inputs)} inputs>"

# --------------------------------------------------------------- the library

class SaqrError(Exception):
    """A libsaqr call failed, or the binding refused a call.

    `status` is the library's saqr_status code (1 SAQR_EINVAL, 2 SAQR_ENOMEM,
    3 SAQR_EIO, 4 SAQR_EPARSE, 5 SAQR_ESTATE, 6 SAQR_ENOTFOUND); checks made
    by the binding itself use SAQR_EINVAL or SAQR_ESTATE as the library would.
    """

    def __init__(self, message, status=1):
        super().__init__(message)
        self.status = status


class AircraftFailed(SaqrError):
    """Batch.step: at least one aircraft's state stopped being finite.

    The other aircraft have stepped; the failed ones stay where they failed
    and are skipped until Batch.reset.  `indices` lists them; `outputs`, from
    Batch.step_io, holds the outputs it read all the same (None from step).
    """

    def __init__(self, message, indices, outputs=None):
        super().__init__(message, 1)
        self.indices = indices
        self.outputs = outputs


class TrimMode(enum.IntEnum):
    """Trim modes, numbered as JSBSim's simulation/do_simple_trim."""
    LONGITUDINAL = 0
    FULL = 1
    GROUND = 2
    PULLUP = 3
    CUSTOM = 4
    TURN = 5
    NONE = 6


def library_path():
    """The libsaqr.so this module loads: $SAQR_LIB, else build/rel/libsaqr.so
    of the repository holding this file."""
    env = os.environ.get("SAQR_LIB")
    if env:
        return env
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.path.join(repo, "build", "rel", "libsaqr.so")


def version():
    """The version of the libsaqr loaded, "MAJOR.MINOR.PATCH" (saqr_version);
    None for a library that predates it."""
    lib = _lib()
    return lib.version().decode("ascii") if lib.version else None


_LOG_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_char_p)


def _declare(lib, name, restype, *argtypes):
    fn = getattr(lib, name)
    fn.restype = restype
    fn.argtypes = list(argtypes)
    return fn


class _Lib:
    """The C functions with their signatures; the batch ones are None when
    the library predates saqr_batch.h."""

    def __init__(self, path):
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            raise SaqrError(f"{path}: cannot load libsaqr ({e}); set SAQR_LIB or build it with "
                            "`make build/rel/libsaqr.so`", 3) from None
        P, I, D, S = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_char_p
        self.path = path
        self.status_name = _declare(lib, "saqr_status_name", S, I)
        self.version = _declare(lib, "saqr_version", S) if hasattr(lib, "saqr_version") else None
        self.fdm_create = _declare(lib, "saqr_fdm_create", P, P)
        self.fdm_destroy = _declare(lib, "saqr_fdm_destroy", None, P)
        self.fdm_error = _declare(lib, "saqr_fdm_error", S, P)
        self.fdm_set_log = _declare(lib, "saqr_fdm_set_log", None, P, _LOG_FN, P)
        self.fdm_load_aircraft = _declare(lib, "saqr_fdm_load_aircraft", I, P, S, S)
        self.fdm_load_initfile = _declare(lib, "saqr_fdm_load_initfile", I, P, S)
        self.fdm_load_script = _declare(lib, "saqr_fdm_load_script", I, P, S, S)
        self.fdm_property = _declare(lib, "saqr_fdm_property", I, P, S)
        self.fdm_property_count = _declare(lib, "saqr_fdm_property_count", I, P)
        self.fdm_property_name = _declare(lib, "saqr_fdm_property_name", S, P, I)
        self.fdm_get = _declare(lib, "saqr_fdm_get", D, P, I)
        self.fdm_set = _declare(lib, "saqr_fdm_set", I, P, I, D)
        self.fdm_init = _declare(lib, "saqr_fdm_init", I, P)
        self.fdm_set_dt = _declare(lib, "saqr_fdm_set_dt", I, P, D)
        self.fdm_dt = _declare(lib, "saqr_fdm_dt", D, P)
        self.fdm_time = _declare(lib, "saqr_fdm_time", D, P)
        self.fdm_step = _declare(lib, "saqr_fdm_step", I, P)
        self.fdm_script_done = _declare(lib, "saqr_fdm_script_done", I, P)
        self.fdm_trim = _declare(lib, "saqr_fdm_trim", I, P, I)
        self.fdm_capture_ic = _declare(lib, "saqr_fdm_capture_ic", I, P)
        self.fdm_reposition = _declare(lib, "saqr_fdm_reposition", I, P)
        self.fdm_move_to = _declare(lib, "saqr_fdm_move_to", I, P, D, D, D)
        self.fdm_copy = _declare(lib, "saqr_fdm_copy", P, P) if hasattr(lib, "saqr_fdm_copy") else None
        self.fdm_restore = (_declare(lib, "saqr_fdm_restore", I, P, P, I)
                            if hasattr(lib, "saqr_fdm_restore") else None)
        self.fdm_linearize = (_declare(lib, "saqr_fdm_linearize", I, P, ctypes.POINTER(_CLinearModel))
                              if hasattr(lib, "saqr_fdm_linearize") else None)
        self.fdm_compile = (_declare(lib, "saqr_fdm_compile", I, P, S)
                            if hasattr(lib, "saqr_fdm_compile") else None)
        self.fdm_compile_like = (_declare(lib, "saqr_fdm_compile_like", I, P, P)
                                 if hasattr(lib, "saqr_fdm_compile_like") else None)
        self.fdm_is_compiled = (_declare(lib, "saqr_fdm_is_compiled", I, P)
                                if hasattr(lib, "saqr_fdm_is_compiled") else None)
        self.has_batch = hasattr(lib, "saqr_batch_fill")
        if self.has_batch:
            DP = _c_double_p
            self.batch_create = _declare(lib, "saqr_batch_create", P, P)
            self.batch_destroy = _declare(lib, "saqr_batch_destroy", None, P)
            self.batch_error = _declare(lib, "saqr_batch_error", S, P)
            self.batch_fill = _declare(lib, "saqr_batch_fill", I, P, P, I, I)
            self.batch_size = _declare(lib, "saqr_batch_size", I, P)
            self.batch_threads = _declare(lib, "saqr_batch_threads", I, P)
            self.batch_bytes_per_aircraft = _declare(lib, "saqr_batch_bytes_per_aircraft", ctypes.c_size_t, P)
            self.batch_aircraft = _declare(lib, "saqr_batch_aircraft", P, P, I)
            self.batch_reset = _declare(lib, "saqr_batch_reset", I, P, I)
            self.batch_set = _declare(lib, "saqr_batch_set", I, P, I, DP)
            self.batch_set_all = _declare(lib, "saqr_batch_set_all", I, P, I, D)
            self.batch_get = _declare(lib, "saqr_batch_get", I, P, I, DP)
            self.batch_step = _declare(lib, "saqr_batch_step", I, P, I)
            self.batch_failed = _declare(lib, "saqr_batch_failed", I, P, I)
            self.batch_set_order = (_declare(lib, "saqr_batch_set_order", I, P, I)
                                    if hasattr(lib, "saqr_batch_set_order") else None)
            self.has_step_io = hasattr(lib, "saqr_batch_step_io")
            if self.has_step_io:
                IP = ctypes.POINTER(ctypes.c_int)
                self.batch_step_io = _declare(lib, "saqr_batch_step_io", I, P, I, I, IP, DP, I, IP, DP)


_lib_cache = None


def _lib():
    global _lib_cache
    if _lib_cache is None:
        _lib_cache = _Lib(library_path())
    return _lib_cache


def _text(b):
    return b.decode("utf-8", "replace") if b else ""


def _message(lib, what, msg, status):
    """`what: library message [status name]`, without repeating `what`
    when the library's message starts with it."""
    name = _text(lib.status_name(status))
    if not msg:
        return f"{what}: {name}"
    if msg.startswith(what + ":"):
        return f"{msg} [{name}]"
    return f"{what}: {msg} [{name}]"


def _path_arg(p, what):
    if not isinstance(p, (str, bytes, os.PathLike)):
        raise SaqrError(f"{what}: expected a path or name, got {type(p).__name__}")
    b = os.fsencode(p)
    if b"\0" in b:
        raise SaqrError(f"{what}: {p!r} contains a NUL character")
    return b


def _int_arg(x, what):
    try:
        return operator.index(x)
    except TypeError:
        raise SaqrError(f"{what}: expected an integer, got {x!r}") from None


def _c_int_range(v, what):
    if not -2 ** 31 <= v < 2 ** 31:
        raise SaqrError(f"{what}: {v} is out of range")
    return v


# ------------------------------------------------------------ owned handles

class _Handle:
    """A library handle with a count of its users.

    An Fdm counts as one user of its model handle and every open Batch made
    from it as one more; the handle is destroyed when the count reaches
    zero, so a batch is always destroyed before its model, whatever order
    Python finalises the objects in (garbage-collected cycles, interpreter
    shutdown).  The destroy function is kept here so finalising does not
    depend on module globals that may already be gone.
    """

    __slots__ = ("ptr", "users", "destroy")

    def __init__(self, ptr, destroy):
        self.ptr = ptr
        self.users = 1
        self.destroy = destroy

    def release(self):
        self.users -= 1
        if self.users == 0 and self.ptr:
            ptr, self.ptr = self.ptr, None
            self.destroy(ptr)


# ---------------------------------------------------------------------- Fdm

class _Closing:
    """Context-manager and finaliser behaviour shared by Fdm and Batch:
    both free their library handle in close()."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


class Fdm(_Closing):
    """One JSBSim-format aircraft (saqr_fdm).

    Fdm() creates an empty handle; load_aircraft (+ load_initfile) or
    load_script, then init(), make it fly.  Properties are read and written
    by slot (Fdm.property(name)) or by name.  Close it with close() or a
    `with` block; garbage collection closes it too.
    """

    def __init__(self, log=None):
        """`log`: optional callable receiving each warning or script
        notification as one str."""
        self._lib = _lib()
        ptr = self._lib.fdm_create(None)
        if not ptr:
            raise SaqrError("saqr_fdm_create: out of memory", 2)
        self._handle = _Handle(ptr, self._lib.fdm_destroy)
        self._owner = None          # the Batch of an aircraft view
        self._model = None          # a copy's loaded aircraft (its _Handle)
        self._closed = False
        self._slots = {}
        self._log_cb = None
        if log is not None:
            self.set_log(log)

    @classmethod
    def _view(cls, batch, i):
        """A non-owning Fdm over aircraft i of `batch`."""
        self = cls.__new__(cls)
        self._lib = batch._lib
        self._handle = None
        self._view_index = i
        self._owner = batch
        self._closed = False
        self._slots = batch._model._slots    # the same names and slots
        self._log_cb = None
        return self

    # -- lifetime

    @property
    def closed(self):
        """True once close() was called (or, for a view, once its batch closed)."""
        return self._closed or (self._owner is not None and self._owner.closed)

    def close(self):
        """Frees the aircraft, or, while batches made from it are open, marks
        it closed and leaves the freeing to the last of them.  A view just
        detaches.  Calling it again does nothing."""
        if self._closed:
            return
        self._closed = True
        if self._handle is not None:
            self._handle.release()
        if getattr(self, "_model", None) is not None:
            self._model.release()   # after the copy: it shares the model's data
            self._model = None


    def _ptr(self):
        if self._owner is not None:
            if self._closed or self._owner.closed:
                raise SaqrError("aircraft view: closed (or its batch is)", 5)
            # asked through the batch each time, so a view never outlives it
            return self._lib.batch_aircraft(self._owner._handle.ptr, self._view_index)
        if self._closed:
            raise SaqrError("Fdm: the aircraft is closed", 5)
        return self._handle.ptr

    def _check(self, status, what):
        if status != 0:
            msg = _text(self._lib.fdm_error(self._ptr()))
            raise SaqrError(_message(self._lib, what, msg, status), status)

    def _not_view(self, what):
        """Loading is for a model of its own: not a batch's aircraft, and not
        a model while batches made from it are open."""
        if self._owner is not None:
            raise SaqrError(f"{what}: not allowed on a batch's aircraft", 5)
        if not self._closed and self._handle.users > 1:
            raise SaqrError(f"{what}: batches or copies made from this model are still open; "
                            "close them first", 5)

    # -- loading

    def set_log(self, fn):
        """Sends warnings and script notifications to fn(message: str);
        None drops them."""
        ptr = self._ptr()
        if fn is None:
            self._log_cb = None
            self._lib.fdm_set_log(ptr, _LOG_FN(), None)
            return

        def relay(_user, msg):
            try:
                fn(_text(msg))
            except Exception:
                pass        # an exception cannot cross back into C
        self._log_cb = _LOG_FN(relay)   # kept alive as long as the handle uses it
        if self._owner is not None:
            self._owner._view_logs[self._view_index] = self._log_cb
        self._lib.fdm_set_log(ptr, self._log_cb, None)

    def load_aircraft(self, root, name):
        """Loads root/aircraft/NAME/NAME.xml and the engine and system files
        it names (root: a JSBSim root folder)."""
        self._not_view("load_aircraft")
        self._slots.clear()
        self._check(self._lib.fdm_load_aircraft(self._ptr(), _path_arg(root, "load_aircraft root"),
                                                _path_arg(name, "load_aircraft name")), "load_aircraft")

    def load_initfile(self, file):
        """Loads an initialisation file: a path, or a name in the aircraft
        folder (".xml" optional)."""
        self._not_view("load_initfile")
        self._check(self._lib.fdm_load_initfile(self._ptr(), _path_arg(file, "load_initfile")),
                    "load_initfile")

    def load_script(self, root, script_path):
        """Loads a JSBSim script and everything it names; steps then run its
        events."""
        self._not_view("load_script")
        self._slots.clear()
        self._check(self._lib.fdm_load_script(self._ptr(), _path_arg(root, "load_script root"),
                                              _path_arg(script_path, "load_script")), "load_script")

    def compile(self, cc=None):
        """Compiles the loaded aircraft's flight control system and
        aerodynamic sums into native code with the C compiler `cc` ("cc" on
        the PATH when None): the same results bit for bit, in less time.
        Call it after loading and before filling a Batch, which then shares
        the code.  Raises SaqrError when the compiler cannot run or fails
        (the aircraft then stays interpreted, unchanged)."""
        self._not_view("compile")
        if self._lib.fdm_compile is None:
            raise SaqrError(f"{self._lib.path}: this libsaqr has no saqr_fdm_compile", 3)
        self._check(self._lib.fdm_compile(self._ptr(), None if cc is None else _path_arg(cc, "compile cc")),
                    "compile")

    def compile_like(self, other):
        """Takes the code `other` (an Fdm compiled with compile()) has,
        without running a compiler, when this aircraft was loaded from the
        same files in the same way: for many runs of one aircraft, such as
        a learning loop that reloads it for every episode.  Raises
        SaqrError when `other` has no code or this aircraft's would differ
        (the aircraft then stays interpreted, unchanged)."""
        self._not_view("compile_like")
        if self._lib.fdm_compile_like is None:
            raise SaqrError(f"{self._lib.path}: this libsaqr has no saqr_fdm_compile_like", 3)
        if not isinstance(other, Fdm):
            raise TypeError("compile_like wants an Fdm")
        self._check(self._lib.fdm_compile_like(self._ptr(), other._ptr()), "compile_like")

    @property
    def compiled(self):
        """True when the aircraft runs compiled code (its own or another's)."""
        return self._lib.fdm_is_compiled is not None and self._lib.fdm_is_compiled(self._ptr()) != 0

    def init(self):
        """Applies the initial conditions and runs every model once (time 0)."""
        self._check(self._lib.fdm_init(self._ptr()), "init")

    # -- properties

    def property(self, name):
        """Slot of a property name (JSBSim spelling); SaqrError when there is
        no such property."""
        slot = self._slots.get(name)
        if slot is None:
            b = _path_arg(name, "property")
            slot = self._lib.fdm_property(self._ptr(), b)
            if slot < 0:
                raise SaqrError(f"property: no property named \"{name}\"", 6)
            self._slots[name] = slot
        return slot

    def _slot(self, slot_or_name):
        if isinstance(slot_or_name, (str, bytes)):
            return self.property(slot_or_name)
        slot = _int_arg(slot_or_name, "property slot")
        n = self._lib.fdm_property_count(self._ptr())
        if not 0 <= slot < n:
            raise SaqrError(f"property slot {slot} does not exist (0..{n - 1})")
        return slot

    @builtins.property
    def property_count(self):
        return self._lib.fdm_property_count(self._ptr())

    def property_name(self, slot):
        """Name of a slot."""
        return _text(self._lib.fdm_property_name(self._ptr(), self._slot(slot)))

    def property_names(self):
        """Every property name, by slot."""
        ptr = self._ptr()
        return [_text(self._lib.fdm_property_name(ptr, i)) for i in range(self._lib.fdm_property_count(ptr))]

    def get(self, slot_or_name):
        """Value of a property (JSBSim units)."""
        slot = self._slot(slot_or_name)
        return self._lib.fdm_get(self._ptr(), slot)

    def set(self, slot_or_name, value):
        """Sets a property; SaqrError for a read-only property or a value that
        is not finite.  Action properties (simulation/do_simple_trim,
        propulsion/set-running) act at once."""
        slot = self._slot(slot_or_name)
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise SaqrError(f"set {self.property_name(slot)}: {value!r} is not a number") from None
        self._check(self._lib.fdm_set(self._ptr(), slot, v), "set")

    def __getitem__(self, slot_or_name):
        return self.get(slot_or_name)

    def __setitem__(self, slot_or_name, value):
        self.set(slot_or_name, value)

    # -- running

    @builtins.property
    def time(self):
        """Simulated time (s)."""
        return self._lib.fdm_time(self._ptr())

    @builtins.property
    def dt(self):
        """Integration step (s); default 1/120."""
        return self._lib.fdm_dt(self._ptr())

    @dt.setter
    def dt(self, dt_s):
        self.set_dt(dt_s)

    def set_dt(self, dt_s):
        self._check(self._lib.fdm_set_dt(self._ptr(), float(dt_s)), "set_dt")

    def step(self, n=1):
        """Runs n frames (each: time advances, the script's events run, the
        state is propagated and every model runs)."""
        n = _int_arg(n, "step")
        if n < 0:
            raise SaqrError(f"step: {n} frames")
        ptr, step = self._ptr(), self._lib.fdm_step
        for _ in range(n):
            st = step(ptr)
            if st != 0:
                self._check(st, "step")

    @builtins.property
    def script_done(self):
        """True once the loaded script reached its end."""
        return self._lib.fdm_script_done(self._ptr()) != 0

    def trim(self, mode=TrimMode.LONGITUDINAL):
        """Trims the aircraft.  `mode`: a TrimMode, its number or its name
        ("longitudinal", "full", "ground", ...)."""
        if isinstance(mode, str):
            try:
                mode = TrimMode[mode.upper().replace("-", "")]
            except KeyError:
                raise SaqrError(f"trim: no trim mode named \"{mode}\" "
                                f"({', '.join(m.name.lower() for m in TrimMode)})") from None
        m = _c_int_range(_int_arg(mode, "trim mode"), "trim mode")
        self._check(self._lib.fdm_trim(self._ptr(), m), "trim")

    def capture_ic(self):
        """The present state becomes the initial conditions (ic/ properties)."""
        self._check(self._lib.fdm_capture_ic(self._ptr()), "capture_ic")

    def reposition(self):
        """Places the aircraft at the initial conditions; time goes on."""
        self._check(self._lib.fdm_reposition(self._ptr()), "reposition")

    def linearize(self):
        """A LinearModel about the present condition, by JSBSim's method
        (docs/linearization.md); the aircraft flies on from its state
        placed again at x0."""
        if self._lib.fdm_linearize is None:
            raise SaqrError(f"{self._lib.path}: this libsaqr has no saqr_fdm_linearize; rebuild it")
        m = _CLinearModel()
        self._check(self._lib.fdm_linearize(self._ptr(), ctypes.byref(m)), "linearize")
        return LinearModel(m)

    def move_to(self, lat_geod_deg, lon_deg, alt_sl_ft):
        """Moves the aircraft, keeping attitude, velocity and rates."""
        self._check(self._lib.fdm_move_to(self._ptr(), float(lat_geod_deg), float(lon_deg),
                                          float(alt_sl_ft)), "move_to")

    # -- saved states

    def copy(self):
        """A copy of the aircraft in its present state (saqr_fdm_copy): all
        of it, control laws' filters, actuators, engines and tanks
        included.  It flies like the original, bit for bit, but loads
        nothing; keep it as a saved state for restore(), or fly it.  The
        loaded aircraft stays alive while copies of it are open."""
        if self._lib.fdm_copy is None:
            raise SaqrError(f"{self._lib.path}: this libsaqr has no saqr_fdm_copy; rebuild it", 3)
        ptr = self._lib.fdm_copy(self._ptr())
        if not ptr:
            raise SaqrError(_message(self._lib, "copy", _text(self._lib.fdm_error(self._ptr())), 5), 5)
        c = Fdm.__new__(Fdm)
        c._lib = self._lib
        c._handle = _Handle(ptr, self._lib.fdm_destroy)
        c._owner = None
        c._closed = False
        c._slots = dict(self._slots)    # the same names and slots
        c._log_cb = None
        model = self._root_handle()
        model.users += 1
        c._model = model
        return c

    def _root_handle(self):
        """The handle of the loaded aircraft whose data this one uses."""
        if self._owner is not None:
            return self._owner._model._root_handle()
        return self._model if self._model is not None else self._handle

    def restore(self, saved, keep_clock=False):
        """Takes the whole state of `saved` (a copy() of the same loaded
        aircraft, or that aircraft); this Fdm must itself be a copy.  With
        keep_clock the simulated time runs on from this one's and the
        aircraft is where `saved` was over the ground; without it the next
        frames repeat saved's next frames bit for bit."""
        if self._lib.fdm_restore is None:
            raise SaqrError(f"{self._lib.path}: this libsaqr has no saqr_fdm_restore; rebuild it", 3)
        if not isinstance(saved, Fdm):
            raise TypeError("restore wants an Fdm (a copy() of this aircraft)")
        self._check(self._lib.fdm_restore(self._ptr(), saved._ptr(), 1 if keep_clock else 0), "restore")

    def __repr__(self):
        state = "closed" if self.closed else ("view" if self._owner is not None else "open")
        return f"<saqr.Fdm {state}>"


# -------------------------------------------------------------------- Batch

class Batch(_Closing):
    """N aircraft made from one loaded, initialised model (saqr_batch).

    Each aircraft starts as a copy of the model's present state (after
    init and any trim).  Inputs and outputs are arrays of N values, one per
    aircraft, by property slot or name: numpy float64 arrays (USING_NUMPY)
    or lists.  The model stays alive while the batch is open; it may still
    be stepped (it is not one of the N) but not loaded again.
    """

    def __init__(self, model, n, threads=0):
        """`n` aircraft (1..1,000,000) from `model` (an initialised Fdm, not a
        batch's aircraft), on `threads` worker threads (0: one per online
        processor)."""
        if not isinstance(model, Fdm):
            raise SaqrError(f"Batch: the model must be an Fdm, not {type(model).__name__}")
        if model._owner is not None:
            raise SaqrError("Batch: the model cannot be another batch's aircraft", 5)
        lib = model._lib
        self._lib = lib
        self._handle = None
        self._closed = True
        if not lib.has_batch:
            raise SaqrError(f"{lib.path}: this libsaqr has no batch API (saqr_batch_fill)", 6)
        mptr = model._ptr()
        n = _c_int_range(_int_arg(n, "Batch size"), "Batch size")
        threads = _c_int_range(_int_arg(threads, "Batch threads"), "Batch threads")
        ptr = lib.batch_create(None)
        if not ptr:
            raise SaqrError("saqr_batch_create: out of memory", 2)
        handle = _Handle(ptr, lib.batch_destroy)
        st = lib.batch_fill(ptr, mptr, n, threads)
        if st != 0:
            msg = _text(lib.batch_error(ptr))
            handle.release()
            raise SaqrError(_message(lib, "batch fill", msg, st), st)
        self._handle = handle
        self._model = model
        self._model_handle = model._handle
        self._model_handle.users += 1       # released after the batch is destroyed
        self._closed = False
        self._n = lib.batch_size(ptr)
        self._threads = lib.batch_threads(ptr)
        self._nprops = lib.fdm_property_count(mptr)
        self._slots = model._slots                  # names -> slots, shared with the model
        self._buf = (ctypes.c_double * self._n)()   # list mode's scratch array
        self._view_logs = {}                         # log callbacks set through views

    # -- lifetime

    @property
    def closed(self):
        return self._closed

    @property
    def model(self):
        """The Fdm this batch was made from."""
        return self._model

    def close(self):
        """Stops the worker threads and frees every aircraft, then lets go of
        the model (freeing it if it was closed meanwhile).  Calling it again
        does nothing."""
        if self._closed:
            return
        self._closed = True
        self._handle.release()
        self._model_handle.release()


    def _ptr(self):
        if self._closed:
            raise SaqrError("Batch: the batch is closed", 5)
        return self._handle.ptr

    def _check(self, status, what):
        if status != 0:
            msg = _text(self._lib.batch_error(self._ptr()))
            raise SaqrError(_message(self._lib, what, msg, status), status)

    def _slot(self, slot_or_name):
        # through the model's handle, which lives as long as the batch even
        # when the model was closed
        if isinstance(slot_or_name, (str, bytes)):
            slot = self._slots.get(slot_or_name)
            if slot is None:
                slot = self._lib.fdm_property(self._model_handle.ptr, _path_arg(slot_or_name, "property"))
                if slot < 0:
                    raise SaqrError(f"property: no property named \"{slot_or_name}\"", 6)
                self._slots[slot_or_name] = slot
            return slot
        slot = _int_arg(slot_or_name, "property slot")
        if not 0 <= slot < self._nprops:
            raise SaqrError(f"property slot {slot} does not exist (0..{self._nprops - 1})")
        return slot

    def _name(self, slot):
        return _text(self._lib.fdm_property_name(self._model_handle.ptr, slot))

    def _index(self, i):
        i = _int_arg(i, "aircraft index")
        if not 0 <= i < self._n:
            raise SaqrError(f"aircraft {i} does not exist (0..{self._n - 1})")
        return i

    # -- sizes

    @property
    def size(self):
        """Number of aircraft."""
        return self._n

    def __len__(self):
        return self._n

    @property
    def threads(self):
        """Number of worker threads."""
        return self._threads

    @property
    def bytes_per_aircraft(self):
        """Memory of one aircraft beyond the shared model (bytes)."""
        return self._lib.batch_bytes_per_aircraft(self._ptr())

    # -- inputs and outputs

    def _in_array(self, values, what):
        """A ctypes pointer to N doubles holding `values`, and the object that
        owns the memory (kept referenced until the call returns)."""
        n = self._n
        if isinstance(values, (str, bytes)):
            raise SaqrError(f"{what}: expected {n} values, got {type(values).__name__}")
        if _np is not None:
            try:
                a = _np.ascontiguousarray(values, dtype=_np.float64)   # no copy for float64 arrays
            except (TypeError, ValueError) as e:
                raise SaqrError(f"{what}: values are not numbers ({e})") from None
            if a.shape != (n,):
                raise SaqrError(f"{what}: expected {n} values (one per aircraft), got shape {a.shape}")
            return a.ctypes.data_as(_c_double_p), a
        try:
            m = len(values)
        except TypeError:
            raise SaqrError(f"{what}: expected a sequence of {n} values, got {type(values).__name__}") from None
        if m != n:
            raise SaqrError(f"{what}: expected {n} values (one per aircraft), got {m}")
        try:
            mv = memoryview(values)
        except TypeError:
            mv = None
        if mv is not None and mv.format == "d" and mv.ndim == 1 and mv.c_contiguous and not mv.readonly:
            buf = (ctypes.c_double * n).from_buffer(values)      # array.array('d'): no copy
        else:
            buf = self._buf
            try:
                buf[:] = [float(v) for v in values]
            except (TypeError, ValueError) as e:
                raise SaqrError(f"{what}: values are not numbers ({e})") from None
        return ctypes.cast(buf, _c_double_p), buf

    def set(self, slot_or_name, values):
        """Sets a property of every aircraft: values[i] for aircraft i.
        SaqrError, changing nothing, for a wrong length, a bad slot, a
        read-only property or a value that is not finite."""
        slot = self._slot(slot_or_name)
        p, keep = self._in_array(values, f"batch set {self._name(slot)}")
        st = self._lib.batch_set(self._ptr(), slot, p)
        del keep
        self._check(st, "batch set")

    def set_all(self, slot_or_name, value):
        """Sets a property of every aircraft to one value."""
        slot = self._slot(slot_or_name)
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise SaqrError(f"batch set {self._name(slot)}: {value!r} is not a number") from None
        self._check(self._lib.batch_set_all(self._ptr(), slot, v), "batch set")

    def get(self, slot_or_name, out=None):
        """A property of every aircraft, as a new array of N values, or
        written into `out` (a float64 numpy array of N, or a list in list
        mode) and returned."""
        slot = self._slot(slot_or_name)
        n = self._n
        if _np is not None:
            if out is None:
                out = _np.empty(n, dtype=_np.float64)
            elif not (isinstance(out, _np.ndarray) and out.dtype == _np.float64 and out.shape == (n,)
                      and out.flags.c_contiguous and out.flags.writeable):
                raise SaqrError(f"batch get: out must be a writable contiguous float64 array of {n}")
            self._check(self._lib.batch_get(self._ptr(), slot, out.ctypes.data_as(_c_double_p)), "batch get")
            return out
        buf = self._buf
        self._check(self._lib.batch_get(self._ptr(), slot, buf), "batch get")
        if out is None:
            return buf[:]
        if not (isinstance(out, list) and len(out) == n):
            raise SaqrError(f"batch get: out must be a list of {n}")
        out[:] = buf
        return out

    # -- running

    ORDERS = ("auto", "stages", "aircraft")

    def set_order(self, order):
        """How each worker runs a call's frames over its groups of aircraft
        (saqr_batch_set_order): "auto" (the default: chosen by the model and
        the processor's instruction cache), "stages" or "aircraft".  Every
        order gives the same bits; only the speed differs."""
        if order not in self.ORDERS:
            raise SaqrError(f"batch order: {order!r} is not one of {', '.join(self.ORDERS)}")
        if self._lib.batch_set_order is None:
            raise SaqrError(f"{self._lib.path}: this libsaqr has no saqr_batch_set_order", 6)
        self._check(self._lib.batch_set_order(self._ptr(), self.ORDERS.index(order)), "batch order")

    def step(self, frames=1):
        """Steps every aircraft `frames` frames on the worker threads.  When an
        aircraft fails (its state stops being finite) the others still step;
        then AircraftFailed is raised listing the failed aircraft, which stay
        failed (skipped) until reset."""
        frames = self._frames(frames)
        self._check_step(self._lib.batch_step(self._ptr(), frames))

    def _frames(self, frames):
        frames = _c_int_range(_int_arg(frames, "step frames"), "step frames")
        if frames < 0:
            raise SaqrError(f"batch step: {frames} frames")
        return frames

    def _check_step(self, st, outputs=None):
        """AircraftFailed (carrying `outputs`) when aircraft failed in the
        step, else as _check."""
        if st != 0:
            msg = _text(self._lib.batch_error(self._ptr()))
            failed = self.failed_indices()
            if failed:
                raise AircraftFailed(f"{msg} ({len(failed)} aircraft failed)", failed, outputs)
            self._check(st, "batch step")

    def step_io(self, frames=1, inputs=None, outputs=()):
        """One turn of a real-time or learning loop (saqr_batch_step_io): sets
        each property of `inputs` (a dict: slot or name -> N values) on every
        aircraft, steps `frames` frames and returns the properties `outputs`
        (slots or names) of every aircraft, a (len(outputs), N) float64
        array (a list of lists in list mode).  The results of set, step and
        get in turn, in one pass over the aircraft's memory.  Failures as
        in step (AircraftFailed also for an aircraft refusing its input);
        the AircraftFailed carries the outputs, read for every aircraft."""
        frames = self._frames(frames)
        if not self._lib.has_step_io:
            raise SaqrError(f"{self._lib.path}: this libsaqr has no saqr_batch_step_io", 6)
        inputs = {} if inputs is None else inputs
        if not isinstance(inputs, dict):
            raise SaqrError(f"batch step: inputs must be a dict of property -> values, not {type(inputs).__name__}")
        if isinstance(outputs, (str, bytes)):
            outputs = [outputs]
        n, n_in, n_out = self._n, len(inputs), len(outputs)
        in_slots = (ctypes.c_int * max(n_in, 1))(*[self._slot(k) for k in inputs])
        out_slots = (ctypes.c_int * max(n_out, 1))(*[self._slot(k) for k in outputs])
        in_values = (ctypes.c_double * max(n_in * n, 1))()
        for k, (key, values) in enumerate(inputs.items()):
            p, keep = self._in_array(values, f"batch step {self._name(in_slots[k])}")
            ctypes.memmove(ctypes.byref(in_values, k * n * 8), p, n * 8)
            del keep
        if _np is not None:
            out = _np.empty((n_out, n), dtype=_np.float64)
            out_p = out.ctypes.data_as(_c_double_p)
        else:
            out = (ctypes.c_double * max(n_out * n, 1))()
            out_p = ctypes.cast(out, _c_double_p)
        st = self._lib.batch_step_io(self._ptr(), frames, n_in, in_slots, in_values, n_out, out_slots, out_p)
        if _np is None:
            out = [list(out[k * n:(k + 1) * n]) for k in range(n_out)]
        self._check_step(st, out)
        return out

    def reset(self, i):
        """Puts aircraft i (an index, or an iterable of indices) back to the
        model's state as it was when the batch was made; clears its failure."""
        if isinstance(i, (str, bytes)):
            raise SaqrError(f"batch reset: expected an aircraft index, got {i!r}")
        try:
            indices = [_int_arg(i, "batch reset")]
        except SaqrError:
            try:
                indices = [_int_arg(j, "batch reset") for j in i]
            except TypeError:
                raise SaqrError(f"batch reset: expected an aircraft index or indices, got {i!r}") from None
        ptr = self._ptr()
        for j in indices:
            self._check(self._lib.batch_reset(ptr, self._index(j)), "batch reset")

    def failed(self, i):
        """True when aircraft i has failed (see step)."""
        return self._lib.batch_failed(self._ptr(), self._index(i)) != 0

    def failed_indices(self):
        """Indices of every failed aircraft."""
        ptr, f = self._ptr(), self._lib.batch_failed
        return [i for i in range(self._n) if f(ptr, i)]

    def aircraft(self, i):
        """A non-owning Fdm view of aircraft i, for set-up one by one (set,
        init, trim, get).  It follows aircraft i across resets; not to be
        loaded; unusable once the batch is closed."""
        i = self._index(i)
        if not self._lib.batch_aircraft(self._ptr(), i):
            raise SaqrError(f"aircraft {i} does not exist", 1)
        return Fdm._view(self, i)

    def __repr__(self):
        if self._closed:
            return "<saqr.Batch closed>"
        return f"<saqr.Batch {self._n} aircraft, {self._threads} threads>"
