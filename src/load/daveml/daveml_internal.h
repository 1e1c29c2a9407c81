/*
 * daveml_internal.h - the data structures shared by the DAVE-ML loader's
 * files; not part of any public interface.
 *
 * Layout of a loaded model:
 *  - `vars` (one per variableDef, file order) with their current values in
 *    the parallel array `val`.
 *  - `code`: one flat array of stack-machine instructions.  Each calculated
 *    variable owns a contiguous run [code_start, code_start + code_len) that
 *    leaves exactly one value on the stack.  A function-table look-up is a
 *    run "LOAD iv1 ... LOAD ivn, TABLE f", whatever the table's kind
 *    (gridded, or ungridded: see dml_fkind).
 *  - `order`: the calculated variables in dependency order.
 *  - `stack`: scratch for the machine, sized at load to the deepest program.
 * All memory except `code` comes from an arena (a list of chunks) that
 * daveml_free releases at once, so error paths never leak.
 *
 * Files: util/arena.c (memory), daveml_text.c (text and numbers),
 * daveml_load.c (XML walk), daveml_math.c (MathML compiler),
 * daveml_table.c (gridded tables, functions, multilinear interpolation),
 * daveml_ungridded.c (ungridded tables), daveml_order.c (dependency
 * order), daveml_eval.c (machine and accessors), daveml_check.c (checkData).
 */
#ifndef SAQR_LOAD_DAVEML_INTERNAL_H
#define SAQR_LOAD_DAVEML_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "load/daveml/daveml.h"
#include "util/arena.h"

/* ------------------------------------------------------------ limits */

#define DML_MAX_DEPTH 64          /* MathML nesting depth                  */
#define DML_MAX_DIMS 8            /* dimensions of a function table        */
#define DML_MAX_COUNT (1 << 22)   /* variables, tables, functions, shots,  */
                                  /* breakpoints per set, operands         */
#define DML_MAX_POINTS (1 << 24)  /* values in one table                   */
#define DML_MAX_CODE (1 << 24)    /* instructions in a model               */
#define DML_MAX_STACK (1 << 16)   /* machine stack depth                   */
#define DML_MAX_TEXT 512          /* bytes of a single-valued element      */
#define DML_MAX_FILE_BYTES ((size_t)1 << 28) /* size of a file to load    */


/* --------------------------------------------------------- variables */

enum {
    DML_F_INPUT = 1u << 0,      /* isInput, isControl or isDisturbance     */
    DML_F_OUTPUT = 1u << 1,     /* isOutput                                */
    DML_F_STATE = 1u << 2,      /* isState                                 */
    DML_F_STATE_DERIV = 1u << 3,/* isStateDeriv                            */
    DML_F_STD_AIAA = 1u << 4    /* isStdAIAA                               */
};

typedef enum dml_origin {
    DML_ORIGIN_NONE = 0, /* input or constant: holds what it is set to     */
    DML_ORIGIN_CALC,     /* <calculation>                                  */
    DML_ORIGIN_FUNC      /* dependentVarRef/dependentVarPts of a function  */
} dml_origin;

typedef struct dml_var {
    const char *varid;   /* varID attribute, unique in the model           */
    const char *name;    /* name attribute (varID when absent)             */
    const char *units;   /* units attribute, "" when absent                */
    double init;         /* initialValue, 0 when absent (file units)       */
    double min_value;    /* minValue limit, -INFINITY when absent          */
    double max_value;    /* maxValue limit, +INFINITY when absent          */
    unsigned flags;      /* DML_F_* bits                                   */
    dml_origin origin;   /* what computes the variable                     */
    long line;           /* line of the variableDef                        */
    long origin_line;    /* line of the calculation or function            */
    size_t code_start;   /* first instruction of its program               */
    size_t code_len;     /* 0 unless origin != NONE                        */
} dml_var;

/* ------------------------------------------------------------ tables */

typedef struct dml_bpset {
    const char *bpid;    /* bpID attribute ("" for inline breakpoints)     */
    const double *vals;  /* strictly increasing breakpoints               */
    size_t n;            /* number of breakpoints, >= 1                    */
    long line;           /* line of the definition                         */
} dml_bpset;

typedef struct dml_table {
    const char *gtid;            /* gtID attribute ("" when inline)        */
    size_t ndim;                 /* 1 .. DML_MAX_DIMS                      */
    size_t bp[DML_MAX_DIMS];     /* index into model->bps per dimension    */
    const double *data;          /* values, last dimension fastest         */
    size_t npts;                 /* product of the breakpoint counts       */
    long line;                   /* line of the definition                 */
} dml_table;

typedef enum dml_interp {
    DML_INTERP_LINEAR = 0, /* multilinear (default)                        */
    DML_INTERP_DISCRETE,   /* nearest breakpoint, mid-point rounds up      */
    DML_INTERP_FLOOR,      /* value at the largest breakpoint <= input     */
    DML_INTERP_CEILING     /* value at the smallest breakpoint >= input    */
} dml_interp;

/* One dimension of a function as used (independentVarRef / Pts). */
typedef struct dml_dim {
    const double *bp;    /* breakpoints, strictly increasing               */
    size_t n;            /* count, >= 1                                    */
    double lo, hi;       /* min/max attributes clamping the input;         */
                         /* -INFINITY/+INFINITY when absent                */
    int extrap_lo;       /* 1: extrapolate linearly below bp[0]            */
    int extrap_hi;       /* 1: extrapolate linearly above bp[n-1]          */
    dml_interp interp;   /* interpolation in this dimension                */
} dml_dim;

/* An ungridded table (<ungriddedTableDef>, top-level or inline): scattered
 * points, each with `ndim` coordinates (in the using function's input
 * order) followed by its value.  Invariants, checked at load: npts >= 1,
 * every point has ndim + 1 numbers, no two points have equal coordinates,
 * lo[d] <= hi[d] and range[d] = hi[d] - lo[d] is finite. */
typedef struct dml_utable {
    const char *utid;            /* utID attribute ("" when absent)        */
    size_t ndim;                 /* coordinates per point, 1..DML_MAX_DIMS */
    size_t npts;                 /* number of points, >= 1                 */
    const double *pts;           /* npts rows of ndim coordinates and the  */
                                 /* value, file order                      */
    const double *bp;            /* ndim == 1: coordinates sorted, strictly */
                                 /* increasing (NULL otherwise)            */
    const double *bp_val;        /* ndim == 1: values in that order        */
    double lo[DML_MAX_DIMS];     /* smallest coordinate per input          */
    double hi[DML_MAX_DIMS];     /* largest coordinate per input           */
    double range[DML_MAX_DIMS];  /* hi - lo; 0 drops the input from the    */
                                 /* distance (all points share it)         */
    double mean;                 /* mean of the values (far-field limit)   */
    long line;                   /* line of the definition                 */
} dml_utable;

/* How a function computes its value from its inputs. */
typedef enum dml_fkind {
    DML_FN_GRID = 0,  /* gridded table, or a 1-input ungridded table      */
                      /* (its sorted points used as breakpoints)          */
    DML_FN_SHEPARD,   /* ungridded, 2+ inputs: inverse-distance weighting */
    DML_FN_NEAREST    /* ungridded, 2+ inputs: value of the nearest point */
} dml_fkind;

typedef struct dml_func {
    dml_fkind kind;              /* evaluation method                      */
    size_t ndim;                 /* 1 .. DML_MAX_DIMS                      */
    dml_dim dim[DML_MAX_DIMS];   /* in independentVarRef order; bp and n   */
                                 /* unused for the ungridded kinds         */
    const double *data;          /* table values, last dimension fastest   */
                                 /* (DML_FN_GRID only)                     */
    size_t npts;                 /* number of values (points)              */
    const dml_utable *ut;        /* ungridded kinds: the table; else NULL  */
    long line;                   /* line of the <function>                 */
} dml_func;

/* Interpolates function `f` at the point `x` (f->ndim values).  Cannot
 * fail; NaN in gives NaN out. */
double dml_table_eval(const dml_func *f, const double *x);

/* The same for the ungridded kinds (DML_FN_SHEPARD, DML_FN_NEAREST). */
double dml_scatter_eval(const dml_func *f, const double *x);

/* Checks a breakpoint list is strictly increasing; on failure sets err
 * ("file:line: ...") and returns SAQR_EPARSE. */
saqr_status dml_check_breakpoints(const double *v, size_t n, const char *file,
                                  long line, const char *what, saqr_err *err);

/* Number of points of a grid with these breakpoint counts; 0 when the
 * product exceeds DML_MAX_POINTS. */
size_t dml_grid_points(const size_t *counts, size_t ndim);

/* ------------------------------------------------------------ machine */

typedef enum dml_op {
    DML_OP_CONST = 0, /* push k                                            */
    DML_OP_LOAD,      /* push val[arg]                                     */
    DML_OP_NEG, DML_OP_ADD, DML_OP_SUB, DML_OP_MUL, DML_OP_DIV, DML_OP_POW,
    DML_OP_ROOT,      /* x d -> x^(1/d), real odd roots of negatives       */
    DML_OP_SQRT, DML_OP_ABS, DML_OP_EXP, DML_OP_LN, DML_OP_LOG10,
    DML_OP_LOGB,      /* x b -> log_b(x)                                   */
    DML_OP_SIN, DML_OP_COS, DML_OP_TAN, DML_OP_SEC, DML_OP_CSC, DML_OP_COT,
    DML_OP_ASIN, DML_OP_ACOS, DML_OP_ATAN, DML_OP_SINH, DML_OP_COSH,
    DML_OP_TANH, DML_OP_ATAN2, DML_OP_MIN, DML_OP_MAX, DML_OP_FLOOR,
    DML_OP_CEIL, DML_OP_REM, DML_OP_QUOT,
    DML_OP_LT, DML_OP_LE, DML_OP_GT, DML_OP_GE, DML_OP_EQ, DML_OP_NEQ,
    DML_OP_AND, DML_OP_OR, DML_OP_XOR, DML_OP_NOT,
    DML_OP_IMPLIES,   /* a b -> (not a) or b                               */
    DML_OP_ASEC, DML_OP_ACSC, DML_OP_ACOT, DML_OP_SECH, DML_OP_CSCH,
    DML_OP_COTH, DML_OP_ASINH, DML_OP_ACOSH, DML_OP_ATANH, DML_OP_ASECH,
    DML_OP_ACSCH, DML_OP_ACOTH,
    DML_OP_FACT,      /* n! for whole n >= 0, NaN otherwise                */
    DML_OP_GCD,       /* n-ary, whole numbers (NaN otherwise)              */
    DML_OP_LCM,       /* n-ary, whole numbers (NaN otherwise)              */
    DML_OP_JZ,        /* pop c; if c is false (0 or NaN) jump to arg       */
    DML_OP_JMP,       /* jump to arg (always forward)                      */
    DML_OP_TABLE      /* pop ndim inputs, push funcs[arg] at them          */
} dml_op;

typedef struct dml_instr {
    uint32_t op;   /* dml_op                                                */
    uint32_t arg;  /* operand count (n-ary ops), slot (LOAD), function      */
                   /* (TABLE), or absolute jump target (JZ/JMP)             */
    double k;      /* constant of CONST                                     */
} dml_instr;

/* ------------------------------------------------------------ checkData */

typedef struct dml_signal {
    size_t slot;     /* variable the signal names                         */
    double value;    /* signalValue                                       */
    double tol;      /* <tol>, or -1 when absent                          */
    long line;       /* line of the <signal>                              */
} dml_signal;

typedef struct dml_shot {
    const char *name;        /* name attribute ("" when absent)            */
    long line;               /* line of the <staticShot>                   */
    dml_signal *in;          /* checkInputs                                */
    size_t n_in;
    dml_signal *out;         /* checkOutputs                               */
    size_t n_out;
    dml_signal *internal;    /* internalValues (reported, not required)    */
    size_t n_internal;
} dml_shot;

/* ------------------------------------------------------------- model */

struct daveml_model {
    saqr_allocator alloc;  /* copy of the caller's allocator               */
    arena arena;       /* owns everything below except `code`          */
    const char *file;      /* name used in messages                        */
    dml_var *vars;         /* variables, file order                        */
    size_t n_vars;
    double *val;           /* current value per variable (file units)      */
    dml_bpset *bps;        /* breakpoint sets (top-level and inline)       */
    size_t n_bps, cap_bps;
    dml_table *tables;     /* gridded tables (top-level and inline)        */
    size_t n_tables, cap_tables;
    dml_utable *utables;   /* ungridded tables (top-level and inline)      */
    size_t n_utables, cap_utables;
    dml_func *funcs;       /* functions, referenced by DML_OP_TABLE        */
    size_t n_funcs, cap_funcs;
    dml_instr *code;       /* all programs; allocated with `alloc`         */
    size_t n_code, cap_code;
    size_t *index;         /* varID hash: slot + 1 per bucket, 0 = empty   */
    size_t index_cap;      /* buckets, a power of two >= 2 * n_vars        */
    size_t *order;         /* calculated variables in evaluation order     */
    size_t n_order;
    double *stack;         /* machine scratch, stack_cap values            */
    size_t stack_cap;
    dml_shot *shots;       /* checkData static shots                       */
    size_t n_shots;
};

/* ------------------------------------------------------- load helpers */

/* State of one load: the model being built and where messages go. */
typedef struct dml_ctx {
    daveml_model *m;  /* model under construction                          */
    const char *file; /* name for messages                                 */
    saqr_err *err;    /* caller's message buffer (may be NULL)             */
} dml_ctx;

/* Line of a node for messages (0 when unknown). */
long dml_line(const xmlNode *n);

/* Local name of an element, or NULL for other node kinds. */
const char *dml_elem_name(const xmlNode *n);
/* 1 when `n` is an element with local name `name`. */
int dml_is(const xmlNode *n, const char *name);
/* First / next element sibling, skipping text and comments; NULL at end. */
xmlNode *dml_first_elem(const xmlNode *parent);
xmlNode *dml_next_elem(const xmlNode *n);
/* Number of element children with local name `name` (NULL: all). */
size_t dml_count_children(const xmlNode *parent, const char *name);

/* Value of an attribute, or NULL when absent.  The tree has been checked to
 * hold no entity references, so values are plain text. */
const char *dml_attr(const xmlNode *n, const char *name);

/* Copies the text content of `n` (text and CDATA children), trimmed of
 * white space, into buf[DML_MAX_TEXT].  Fails (EPARSE) on element children
 * or text too long. */
saqr_status dml_text(dml_ctx *c, const xmlNode *n, char *buf);

/* Parses a complete number (surrounding white space allowed); fails with
 * "file:line: <what>: '<s>' is not a finite number". */
saqr_status dml_number(dml_ctx *c, const char *s, long line, const char *what,
                       double *out);

/* Parses the comma/white-space separated numbers in the text children of
 * `n` into a new arena array; *count receives how many (at least 1: an
 * empty list is an error).  Comments separate numbers. */
saqr_status dml_number_list(dml_ctx *c, const xmlNode *n, const char *what,
                            double **out, size_t *count);

/* Counts the numbers in the text children of `n` as dml_number_list reads
 * them, storing them in out[0..] when `out` is not NULL (the caller sized
 * it by a first call with NULL).  Returns the count (0 for none), or -1
 * with the message set ("file:line: <what>: 'x' is not a finite number"). */
long dml_scan_numbers(dml_ctx *c, const xmlNode *n, const char *what, double *out);

/* Appends an instruction to the model's code; ENOMEM or EPARSE (too large). */
saqr_status dml_emit(dml_ctx *c, dml_op op, uint32_t arg, double k, long line);

/* Builds the varID index over m->vars; fails (EPARSE) on a duplicate
 * varID or (ENOMEM). */
saqr_status dml_build_index(dml_ctx *c);

/* Slot of the variable with this varID, or -1 (also before the index). */
long dml_find_varid(const daveml_model *m, const char *varid);

/* Compiles the expression in <calculation> (or <math>) node `calc` for
 * variable `slot` into code; tracks the stack depth needed in *max_stack. */
saqr_status dml_compile_calculation(dml_ctx *c, const xmlNode *calc, size_t slot,
                                    size_t *max_stack);

/* Parses a <breakpointDef>, griddedTableDef/Ref or a whole <function>. */
saqr_status dml_load_breakpoint_def(dml_ctx *c, const xmlNode *n);
saqr_status dml_load_gridded_table(dml_ctx *c, const xmlNode *n, size_t *index);
saqr_status dml_load_function(dml_ctx *c, const xmlNode *n, size_t *max_stack);

/* Parses an <ungriddedTableDef> (or the 1.x <ungriddedTable>), top-level
 * or inline, into m->utables; *index receives its position. */
saqr_status dml_load_ungridded_table(dml_ctx *c, const xmlNode *n, size_t *index);

/* Slot of the ungridded table with this utID in m->utables, or -1. */
long dml_find_utable(const daveml_model *m, const char *utid);

/* Makes `f` (inputs and their attributes already read) use ungridded
 * table `t`: checks the input count and the interpolate attributes and
 * sets kind, data and npts.  Messages name the function's line. */
saqr_status dml_bind_ungridded(dml_ctx *c, dml_func *f, const dml_utable *t);

/* Orders the calculated variables; reports undefined origins, cycles. */
saqr_status dml_build_order(dml_ctx *c);

/* Parses <checkData>. */
saqr_status dml_load_checkdata(dml_ctx *c, const xmlNode *n);

/* Value of an input after a reset: initialValue clamped to its limits. */
double dml_clamp(const dml_var *v, double x);

#endif
