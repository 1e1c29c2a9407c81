/*
 * func_program.h - the compiled form of a JSBSim <function> (func.c): the
 * stack machine's instructions and the program record, shared by the
 * evaluator (func.c) and the code generator (func_codegen.c).
 */
#ifndef SAQR_EXPR_FUNC_PROGRAM_H
#define SAQR_EXPR_FUNC_PROGRAM_H

#include "expr/func.h"
#include "expr/table.h"

enum {
    /* operands: push one value */
    OP_CONST,      /* k                                                   */
    OP_PROP,       /* v[arg]                                              */
    OP_NPROP,      /* -v[arg]                                             */
    OP_TABLE,      /* tables[arg] at the current property values          */
    OP_RANDOM,     /* normal * pool[arg+1] + pool[arg]                    */
    OP_URANDOM,    /* uniform[-1,1) * pool[arg] + pool[arg+1]             */
    OP_STORE,      /* v[arg] = top, nothing popped                        */
    /* two operands -> one */
    OP_ADD, OP_SUB, OP_MUL, OP_QUOT, OP_POW, OP_ATAN2, OP_FMOD, OP_MOD, OP_ROUNDM,
    OP_MIN2, OP_MAX2, OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NQ,
    /* one operand -> one */
    OP_DIVN,       /* top / arg (the average)                             */
    OP_SQRT, OP_EXP, OP_LN, OP_LOG2, OP_LOG10, OP_ABS, OP_SIGN, OP_SIN, OP_COS, OP_TAN,
    OP_ASIN, OP_ACOS, OP_ATAN, OP_FLOOR, OP_CEIL, OP_ROUND, OP_FRACTION, OP_INTEGER,
    OP_TORAD, OP_TODEG, OP_NOT,
    /* control: arg is a jump offset relative to this instruction */
    OP_JMP,        /* pc += arg                                           */
    OP_JFALSE,     /* pop; when false pc += arg                           */
    OP_ANDT,       /* pop; when false push 0 and pc += arg                */
    OP_ORT,        /* pop; when true push 1 and pc += arg                 */
    OP_SWITCH,     /* pop index; arg OP_JMP follow, one per case          */
    /* many operands -> one */
    OP_INTERP,     /* interpolate1d over arg values                       */
    OP_ROT_ALPHA, OP_ROT_BETA, OP_ROT_GAMMA, /* 6 values                  */
    OP_BF_TO_WF, OP_WF_TO_BF,                /* 7 values                  */
    /* an operand fused with the binary operator after it (see fuse()):
     * TOP = TOP op operand, the same arithmetic in one dispatch */
    OP_ADD_K, OP_ADD_P, OP_ADD_T, OP_SUB_K, OP_SUB_P, OP_SUB_T,
    OP_MUL_K, OP_MUL_P, OP_MUL_T, OP_QUOT_K, OP_QUOT_P
};

typedef struct jins {
    int op;        /* OP_*                                 */
    int arg;       /* slot, count, table, pool or offset   */
    double k;      /* constant of OP_CONST                 */
} jins;

struct jfunc {
    jins *code;            /* the program                                  */
    int ncode;
    jtable **tables;       /* nested tables, by OP_TABLE arg               */
    int ntables;
    double *pool;          /* random parameters                            */
    int npool;
    int out_slot;          /* name= of the <function>, or -1               */
    int is_random;         /* has random or urandom                        */
    int max_stack;         /* deepest evaluation stack                     */
    /* A program of the most common shape, a plain product (an operand,
     * then OP_MUL_P/OP_MUL_K/OP_MUL_T, then OP_STOREs), runs in
     * run_product instead of run: 1.0 * f1 * f2 ... (1.0 * x is exact),
     * with the leading property factors as a list of slots. */
    int is_product;
    int nprop;             /* leading property factors                     */
    int *prop;             /* their slots                                  */
    int nrest;             /* the factors after them, in order: OP_PROP,   */
    jins *rest;            /* OP_NPROP, OP_CONST or OP_TABLE (arg, k)      */
    const jtable *tail;    /* the only factor after them when it is a     */
                           /* table, else NULL                            */
    int nstore;            /* trailing OP_STOREs                           */
    int *store;            /* their slots                                  */
};

#endif
