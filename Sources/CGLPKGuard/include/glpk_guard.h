#ifndef HP_GLPK_GUARD_H
#define HP_GLPK_GUARD_H

/*
 * glpk_guard: one whole GLPK solve under setjmp.
 *
 * GLPK reports internal errors (bad arguments, failed assertions, out of memory) by printing a
 * message and calling abort(). An error hook may avoid the abort only by not returning, i.e. by
 * longjmp'ing out, after which the calling thread's GLPK environment must be freed with
 * glp_free_env(). Swift cannot call setjmp, and a longjmp must never cross Swift frames, so every
 * GLPK call of a solve happens inside hp_glpk_run(): it builds the problem from plain arrays,
 * optionally writes it in CPLEX LP format, runs glp_simplex and (for models with integer
 * columns) glp_intopt, copies the results out, deletes the problem and frees the environment.
 *
 * This header deliberately does not include <glpk.h>: the interface is plain C data. The result
 * carries GLPK's raw return codes and statuses (GLP_OPT, GLP_ETMLIM, ...) for the caller to map.
 *
 * Threading: GLPK keeps one environment per thread (thread-local storage in the Debian build).
 * hp_glpk_run frees the calling thread's environment before returning, so it must be called on a
 * thread that owns no other GLPK objects. Distinct threads may call it concurrently.
 */

#include <stddef.h>

/* hp_glpk_result.outcome */
#define HP_GLPK_FINISHED 0      /* the solve ran; read the GLPK codes in the result */
#define HP_GLPK_CAUGHT_ERROR 1  /* GLPK raised an internal error; the log holds its message */
#define HP_GLPK_WRITE_FAILED 2  /* glp_write_lp failed; nothing was solved */

/* hp_glpk_result.solution_kind */
#define HP_GLPK_SOLUTION_NONE 0
#define HP_GLPK_SOLUTION_BASIC 1 /* values from the simplex basic solution (model without integers) */
#define HP_GLPK_SOLUTION_MIP 2   /* values from glp_intopt's incumbent */

/* hp_glpk_result.warm_start */
#define HP_GLPK_WARM_NOT_OFFERED 0 /* no warm start, or the search never asked for a heuristic */
#define HP_GLPK_WARM_ACCEPTED 1    /* glp_ios_heur_sol accepted it as the incumbent */
#define HP_GLPK_WARM_REJECTED 2    /* glp_ios_heur_sol rejected it (not better than incumbent) */

/// The problem, as plain arrays. All indices are 0-based; the guard converts to GLPK's 1-based
/// convention. Infinite bounds are +/-INFINITY. Names are offsets into `names` (a block of
/// NUL-terminated strings) or -1 for "unnamed".
typedef struct hp_glpk_model {
    const char *names;
    int name_offset;             /* problem name, or -1 */
    int maximize;                /* 0: minimize, 1: maximize */
    double objective_offset;     /* constant term of the objective */

    int num_cols;
    const double *col_objective; /* [num_cols] */
    const double *col_lower;     /* [num_cols] */
    const double *col_upper;     /* [num_cols] */
    const int *col_is_integer;   /* [num_cols], nonzero: integer column */
    const int *col_name_offset;  /* [num_cols] */

    int num_rows;
    const double *row_lower;     /* [num_rows] */
    const double *row_upper;     /* [num_rows] */
    const int *row_name_offset;  /* [num_rows] */

    int num_nonzeros;            /* no duplicate (row, col) pairs */
    const int *nz_row;           /* [num_nonzeros] */
    const int *nz_col;           /* [num_nonzeros] */
    const double *nz_value;      /* [num_nonzeros] */
} hp_glpk_model;

/// Solver controls.
typedef struct hp_glpk_params {
    int time_limit_ms;           /* total for simplex + branch-and-cut; <= 0 means no limit */
    double mip_gap;              /* relative gap tolerance for glp_intopt (0: prove optimality) */
    int presolve;                /* glp_intopt's MIP presolver; a warm start is not offered when on */
    int cuts;                    /* nonzero: GLPK's cut generators on (MIR, Gomory, cover, clique) */
    int node_limit;              /* > 0: stop branch-and-cut (glp_ios_terminate) once this many
                                    nodes exist. Unlike the time limit this is deterministic. */
    int root_iteration_limit;    /* > 0: glp_simplex's it_lim for the root LP relaxation */
    int branch_iteration_limit;  /* > 0: stop branch-and-cut (glp_ios_terminate) once its node LPs
                                    made this many simplex iterations. Deterministic too. */
    int verbose;                 /* 0: GLPK messages at GLP_MSG_ERR, 1: GLP_MSG_ON */
    const double *warm_start;    /* [num_cols] or NULL. Must be feasible and integral: GLPK only
                                    checks that it improves on the incumbent. */
    const char *lp_path;         /* if not NULL, write the model in CPLEX LP format there first */
    int write_only;              /* nonzero: stop after building (and writing) the model */
    int inject_error;            /* test hook: nonzero makes the guard call glp_set_col_bnds with
                                    an out-of-range column, raising a GLPK internal error */
} hp_glpk_params;

/// What happened. Every field is written by hp_glpk_run.
typedef struct hp_glpk_result {
    int outcome;                 /* HP_GLPK_FINISHED / _CAUGHT_ERROR / _WRITE_FAILED */
    int write_return;            /* glp_write_lp's return code (0 when not asked) */

    int simplex_return;          /* glp_simplex's return code */
    int simplex_status;          /* glp_get_status after glp_simplex */
    int simplex_iterations;      /* glp_get_it_cnt after glp_simplex (the root LP) */
    int total_iterations;        /* glp_get_it_cnt at the end: root LP and every node LP */
    double lp_objective;         /* glp_get_obj_val after glp_simplex */

    int intopt_ran;              /* nonzero when glp_intopt was called */
    int intopt_return;           /* its return code */
    int mip_status;              /* glp_mip_status after glp_intopt */

    int solution_kind;           /* HP_GLPK_SOLUTION_*; `values` is filled unless NONE */
    double objective;            /* objective of the solution in `values` */

    int has_bound;               /* nonzero when best_bound is meaningful */
    double best_bound;           /* the best bound seen: root LP optimum, then tightened by the
                                    best active node's bound at every branch-and-cut callback */
    int nodes;                   /* branch-and-bound nodes created, as of the last callback */
    int hit_node_limit;          /* nonzero when the callback stopped the search at node_limit */
    int hit_iteration_limit;     /* nonzero when the root LP stopped at root_iteration_limit or the
                                    callback at branch_iteration_limit */
    int warm_start;              /* HP_GLPK_WARM_* */

    size_t log_length;           /* bytes of GLPK output kept in the caller's log buffer */
    int log_truncated;           /* nonzero when older output was dropped to keep the tail */
} hp_glpk_result;

/// Builds, optionally writes, and solves `model` under a setjmp guard, then frees the calling
/// thread's GLPK environment (glp_free_env) on every path.
///
/// - values: caller buffer of `model->num_cols` doubles, filled when `solution_kind` != NONE.
/// - log/log_capacity: caller buffer for GLPK's terminal output, which is suppressed from stdout.
///   The tail is kept (so an error message, printed last, survives); always NUL-terminated when
///   log_capacity > 0.
/// Returns `result->outcome`.
int hp_glpk_run(const hp_glpk_model *model, const hp_glpk_params *params, double *values,
                char *log, size_t log_capacity, hp_glpk_result *result);

#endif
