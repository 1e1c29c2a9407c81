/*
 * campaign_mpi.c - gathering a campaign's rows over MPI (see
 * campaign_mpi.h).  Each rank packs its rows in run order as doubles (the
 * row, then 1.0 when the run failed) and its failure messages as bytes;
 * MPI_Gatherv brings them to rank 0, which unpacks them into their rows.
 * Doubles travel as bytes of the same machine type, so nothing is
 * rounded.
 */
#include "campaign/campaign_mpi.h"

#include <stdlib.h>
#include <string.h>

#ifdef SAQR_HAVE_MPI
#include <mpi.h>
#endif

static int env_int(const char *name, int *out)
{
    const char *v = getenv(name);
    if (!v || !*v)
        return 0;
    char *end = NULL;
    long x = strtol(v, &end, 10);
    if (*end || x < 0 || x > 1000000)
        return 0;
    *out = (int)x;
    return 1;
}

int camp_mpi_launched(int *rank, int *size)
{
    *rank = 0;
    *size = 1;
    int r = 0, s = 1;
    if (env_int("OMPI_COMM_WORLD_SIZE", &s)) {
        (void)env_int("OMPI_COMM_WORLD_RANK", &r);
    } else if (env_int("PMI_SIZE", &s)) {
        (void)env_int("PMI_RANK", &r);
    } else if (!env_int("PMIX_RANK", &r)) {
        return 0;
    }
    if (s < 1 || r >= s)
        return 0;
    *rank = r;
    *size = s;
    return 1;
}

/* Runs of `size` ranks that rank r flies out of n. */
static long share(long n, int r, int size)
{
    return r < n ? (n - r + size - 1) / size : 0;
}

#ifdef SAQR_HAVE_MPI

/* MPI is up (no flag of our own: MPI keeps that state for the process). */
static int mpi_on(void)
{
    int init = 0, fin = 0;
    MPI_Initialized(&init);
    MPI_Finalized(&fin);
    return init && !fin;
}

int camp_mpi_available(void)
{
    return 1;
}

int camp_mpi_start(int *rank, int *size, saqr_err *err)
{
    int provided;
    if (MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
        return err_set(err, SAQR_EINVAL, "MPI could not be started");
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
    return SAQR_OK;
}

int camp_mpi_max_status(int status)
{
    int out = status;
    if (mpi_on())
        MPI_Allreduce(&status, &out, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return out;
}

long camp_mpi_sum(long count)
{
    long out = count;
    if (mpi_on())
        MPI_Allreduce(&count, &out, 1, MPI_LONG, MPI_SUM, MPI_COMM_WORLD);
    return out;
}

int camp_mpi_gather(camp_results *res, int rank, int size, saqr_err *err)
{
    if (size == 1)
        return SAQR_OK;
    long n = res->nruns;
    size_t w = (size_t)res->ncols + 1;
    long mine = share(n, rank, size);
    double *sendv = malloc(((size_t)mine * w + 1) * sizeof *sendv);
    char *sendm = malloc((size_t)mine * CAMP_MSG_MAX + 1);
    int *cv = NULL, *dv = NULL, *cm = NULL, *dm = NULL;
    double *allv = NULL;
    char *allm = NULL;
    int fail = !sendv || !sendm;
    if (rank == 0 && !fail) {
        cv = calloc((size_t)size, sizeof *cv);
        dv = calloc((size_t)size, sizeof *dv);
        cm = calloc((size_t)size, sizeof *cm);
        dm = calloc((size_t)size, sizeof *dm);
        allv = malloc(((size_t)n * w + 1) * sizeof *allv);
        allm = malloc((size_t)n * CAMP_MSG_MAX + 1);
        fail = !cv || !dv || !cm || !dm || !allv || !allm;
        if (!fail && (double)n * (double)w > 2147483647.0)
            fail = 1;
    }
    if (camp_mpi_max_status(fail)) {
        free(sendv), free(sendm), free(cv), free(dv), free(cm), free(dm), free(allv), free(allm);
        return err_set(err, SAQR_ENOMEM, "out of memory gathering the runs");
    }
    long k = 0;
    for (long i = rank; i < n; i += size, k++) {
        memcpy(&sendv[(size_t)k * w], &res->v[(size_t)i * (size_t)res->ncols], (size_t)res->ncols * sizeof *sendv);
        sendv[(size_t)k * w + w - 1] = res->failed[i] ? 1.0 : 0.0;
        memcpy(&sendm[(size_t)k * CAMP_MSG_MAX], res->msg[i], CAMP_MSG_MAX);
    }
    if (rank == 0) {
        int offv = 0, offm = 0;
        for (int r = 0; r < size; r++) {
            long s = share(n, r, size);
            cv[r] = (int)((size_t)s * w);
            dv[r] = offv;
            offv += cv[r];
            cm[r] = (int)(s * CAMP_MSG_MAX);
            dm[r] = offm;
            offm += cm[r];
        }
    }
    MPI_Gatherv(sendv, (int)((size_t)mine * w), MPI_DOUBLE, allv, cv, dv, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    MPI_Gatherv(sendm, (int)(mine * CAMP_MSG_MAX), MPI_CHAR, allm, cm, dm, MPI_CHAR, 0, MPI_COMM_WORLD);
    if (rank == 0)
        for (int r = 0; r < size; r++) {
            long j = 0;
            for (long i = r; i < n; i += size, j++) {
                const double *src = &allv[(size_t)dv[r] + (size_t)j * w];
                memcpy(&res->v[(size_t)i * (size_t)res->ncols], src, (size_t)res->ncols * sizeof *src);
                res->failed[i] = src[w - 1] != 0.0;
                memcpy(res->msg[i], &allm[(size_t)dm[r] + (size_t)j * CAMP_MSG_MAX], CAMP_MSG_MAX);
                res->msg[i][CAMP_MSG_MAX - 1] = '\0';
            }
        }
    free(sendv), free(sendm), free(cv), free(dv), free(cm), free(dm), free(allv), free(allm);
    return SAQR_OK;
}

void camp_mpi_finish(void)
{
    if (mpi_on())
        MPI_Finalize();
}

#else /* no MPI: one process */

int camp_mpi_available(void)
{
    return 0;
}

int camp_mpi_start(int *rank, int *size, saqr_err *err)
{
    *rank = 0;
    *size = 1;
    return err_set(err, SAQR_EINVAL, "this saqr was built without MPI (no mpicc when it was built)");
}

int camp_mpi_max_status(int status)
{
    return status;
}

long camp_mpi_sum(long count)
{
    return count;
}

int camp_mpi_gather(camp_results *res, int rank, int size, saqr_err *err)
{
    (void)res;
    (void)err;
    (void)share;
    return rank == 0 && size == 1 ? SAQR_OK : SAQR_EINVAL;
}

void camp_mpi_finish(void)
{
}

#endif
