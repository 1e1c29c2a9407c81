/*
 * campaign_mpi.h - a campaign across processes with MPI (Open MPI, from
 * Debian's libopenmpi-dev): `mpirun -n K saqr campaign FILE`.  Rank r
 * flies the runs i with i mod K = r (on its own threads); the rows are
 * gathered on rank 0, which alone writes the outputs.  As every row is
 * the same whoever flies it, the files are byte-identical to a
 * single-process run.
 *
 * MPI is built in only when the Makefile finds mpicc (it then compiles
 * this file with -DSAQR_HAVE_MPI and links the saqr command with MPI's
 * libraries); otherwise the functions below are stubs and a campaign
 * launched by mpirun runs whole on rank 0 (the other ranks stop).  MPI is
 * started only when the process was launched by mpirun, so ordinary
 * `saqr` commands never touch it.
 */
#ifndef SAQR_CAMPAIGN_MPI_H
#define SAQR_CAMPAIGN_MPI_H

#include "campaign/campaign_run.h"

/* 1 when built with MPI. */
int camp_mpi_available(void);

/* 1 when the process was started by an MPI launcher (Open MPI's
 * OMPI_COMM_WORLD_SIZE, or PMI_SIZE / PMIX_RANK, in the environment);
 * *rank and *size from the launcher's environment (0 and 1 when not). */
int camp_mpi_launched(int *rank, int *size);

/* Starts MPI and gives this process's rank and the number of ranks.
 * SAQR_EINVAL when not built with MPI or MPI fails to start. */
int camp_mpi_start(int *rank, int *size, saqr_err *err);

/* The largest of every rank's `status` (all ranks get it), so all stop
 * together when one failed. */
int camp_mpi_max_status(int status);

/* The sum of every rank's `count` (all ranks get it). */
long camp_mpi_sum(long count);

/* Gathers onto rank 0 the rows each rank flew (runs i with i mod size =
 * rank): rank 0's res then holds every row.  Every rank calls it. */
int camp_mpi_gather(camp_results *res, int rank, int size, saqr_err *err);

/* Ends MPI (when started). */
void camp_mpi_finish(void);

#endif
