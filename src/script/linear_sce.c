/*
 * linear_sce.c - JSBSim's <aircraft>_lin.sce, the file its
 * simulation/do_linearization writes: numbers in scientific notation with
 * ten digits after the point, right-aligned in columns of 20 (the first
 * of a vector or matrix in 19, after its "["), elements of a row
 * separated by ",", rows by ";" and a line break.
 * Reference: JSBSim src/initialization/FGLinearization.cpp
 * (WriteScicoslab), src/math/FGStateSpace.cpp (the stream operators).
 */
#include <errno.h>

#include "script/linear_sce.h"

#define WIDTH 20
#define DIGITS 10

/* rows x cols values, row stride `stride`. */
static void write_matrix(FILE *out, const double *a, int rows, int cols, int stride)
{
    fputc('[', out);
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) {
            fprintf(out, "%*.*e", i == 0 && j == 0 ? WIDTH - 1 : WIDTH, DIGITS, a[i * stride + j]);
            if (j < cols - 1)
                fputc(',', out);
            else if (i < rows - 1)
                fputs(";\n", out);
            else
                fputc(']', out);
        }
}

void linear_sce_write(FILE *out, const char *name, const saqr_linear_model *m)
{
    const int n = m->n_states, nu = SAQR_LINEAR_INPUTS;
    fprintf(out, "%s.x0=..\n", name);
    write_matrix(out, m->x0, n, 1, 1);
    fprintf(out, ";\n%s.u0=..\n", name);
    write_matrix(out, m->u0, nu, 1, 1);
    fprintf(out, ";\n%s.sys = syslin('c',..\n", name);
    write_matrix(out, &m->a[0][0], n, n, SAQR_LINEAR_MAX_STATES);
    fputs(",..\n", out);
    write_matrix(out, &m->b[0][0], n, nu, SAQR_LINEAR_INPUTS);
    fputs(",..\n", out);
    write_matrix(out, &m->c[0][0], n, n, SAQR_LINEAR_MAX_STATES);
    fputs(",..\n", out);
    write_matrix(out, &m->d[0][0], n, nu, SAQR_LINEAR_INPUTS);
    fprintf(out, ");\n%s.tfm = ss2tf(%s.sys);\n\n", name, name);
}

int linear_sce_save(const char *path, const char *name, const saqr_linear_model *m)
{
    FILE *out = fopen(path, "w");
    if (!out)
        return -1;
    linear_sce_write(out, name, m);
    int failed = ferror(out);
    if (fclose(out) != 0 || failed) {
        if (!errno)
            errno = EIO;
        return -1;
    }
    return 0;
}
