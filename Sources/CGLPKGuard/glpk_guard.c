/*
 * glpk_guard.c: see include/glpk_guard.h for the contract.
 *
 * Control flow of hp_glpk_run:
 *
 *   hp_glpk_run                       owns the hp_ctx (so setjmp's caveat about modified
 *     guarded_run(ctx)                automatic variables does not apply to it)
 *       setjmp(ctx->jump) ----------+ second return: an error hook fired; glp_free_env()
 *       install term + error hooks  |
 *       solve_body(ctx)             |
 *         glp_* calls ... error ----+ (hp_error_hook longjmps; GLPK frames are abandoned,
 *                                      their memory is reclaimed by glp_free_env)
 *       glp_free_env()
 *
 * Memory that must survive a longjmp is either owned by the caller (values, log, result) or
 * allocated with glp_alloc (freed by glp_free_env); nothing is malloc'ed here.
 */

#include "glpk_guard.h"

#include <glpk.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <string.h>
#include <time.h>

typedef struct hp_ctx {
    jmp_buf jump;
    hp_glpk_result *result;
    int maximize;
    int node_limit;
    int branch_iteration_limit;
    int root_iterations;         /* glp_get_it_cnt when branch-and-cut starts */
    const double *warm_start_1based; /* glp_alloc'ed copy for glp_ios_heur_sol, or NULL */
    char *log;
    size_t log_capacity;
} hp_ctx;

/* MARK: hooks */

/// Keeps the tail of GLPK's output in the caller's buffer and suppresses it from stdout.
static int hp_term_hook(void *info, const char *s) {
    hp_ctx *ctx = info;
    hp_glpk_result *r = ctx->result;
    if (ctx->log_capacity == 0) return 1;
    size_t keep = ctx->log_capacity - 1; /* room for the NUL */
    size_t n = strlen(s);
    if (n >= keep) {
        memcpy(ctx->log, s + (n - keep), keep);
        r->log_truncated = r->log_truncated || n > keep || r->log_length > 0;
        r->log_length = keep;
    } else {
        if (r->log_length + n > keep) {
            size_t drop = r->log_length + n - keep;
            memmove(ctx->log, ctx->log + drop, r->log_length - drop);
            r->log_length -= drop;
            r->log_truncated = 1;
        }
        memcpy(ctx->log + r->log_length, s, n);
        r->log_length += n;
    }
    ctx->log[r->log_length] = '\0';
    return 1; /* nonzero: GLPK must not print it */
}

/// GLPK calls this after printing an error message; returning would abort the process.
static void hp_error_hook(void *info) {
    hp_ctx *ctx = info;
    longjmp(ctx->jump, 1);
}

/// Branch-and-cut callback, called for every reason. Records the best bound (best active node's
/// local bound; monotone in the right direction, so keep the tightest) and the node count, stops
/// the search at the node or branch iteration limit (both deterministic: the problem's simplex
/// iteration count accumulates over every node LP), and on the first GLP_IHEUR offers the warm
/// start.
static void hp_callback(glp_tree *tree, void *info) {
    hp_ctx *ctx = info;
    hp_glpk_result *r = ctx->result;

    int best = glp_ios_best_node(tree);
    if (best != 0) {
        double bound = glp_ios_node_bound(tree, best);
        if (isfinite(bound) && fabs(bound) < 0.5 * DBL_MAX) {
            if (!r->has_bound) {
                r->has_bound = 1;
                r->best_bound = bound;
            } else if (ctx->maximize ? bound < r->best_bound : bound > r->best_bound) {
                r->best_bound = bound;
            }
        }
    }

    int active = 0, alive = 0, total = 0;
    glp_ios_tree_size(tree, &active, &alive, &total);
    if (total > r->nodes) r->nodes = total;

    if (ctx->node_limit > 0 && total >= ctx->node_limit && !r->hit_node_limit) {
        r->hit_node_limit = 1;
        glp_ios_terminate(tree);
        return;
    }
    /* With presolve on, the tree works on a new problem object whose count starts at zero. */
    int iterations = glp_get_it_cnt(glp_ios_get_prob(tree));
    if (iterations < ctx->root_iterations) ctx->root_iterations = 0;
    if (ctx->branch_iteration_limit > 0 && !r->hit_iteration_limit &&
        iterations - ctx->root_iterations >= ctx->branch_iteration_limit) {
        r->hit_iteration_limit = 1;
        glp_ios_terminate(tree);
        return;
    }

    if (glp_ios_reason(tree) == GLP_IHEUR && ctx->warm_start_1based != NULL &&
        r->warm_start == HP_GLPK_WARM_NOT_OFFERED) {
        r->warm_start = glp_ios_heur_sol(tree, ctx->warm_start_1based) == 0
            ? HP_GLPK_WARM_ACCEPTED : HP_GLPK_WARM_REJECTED;
    }
}

/* MARK: building */

static double hp_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1.0e6;
}

/// GLPK bound type for an interval with +/-INFINITY meaning "no bound".
static int hp_bound_type(double lower, double upper) {
    int has_lower = !isinf(lower), has_upper = !isinf(upper);
    if (!has_lower && !has_upper) return GLP_FR;
    if (!has_upper) return GLP_LO;
    if (!has_lower) return GLP_UP;
    return lower == upper ? GLP_FX : GLP_DB;
}

/// Simplex iterations the root LP may still make under its limit, at least 1; INT_MAX without one.
static int hp_root_iterations_left(glp_prob *prob, const hp_glpk_params *p) {
    if (p->root_iteration_limit <= 0) return INT_MAX;
    int left = p->root_iteration_limit - glp_get_it_cnt(prob);
    return left < 1 ? 1 : left;
}

static double hp_finite_or_zero(double x) { return isinf(x) ? 0.0 : x; }

static const char *hp_name(const hp_glpk_model *m, int offset) {
    return (offset >= 0 && m->names != NULL) ? m->names + offset : NULL;
}

static glp_prob *hp_build(const hp_glpk_model *m, const hp_glpk_params *p) {
    glp_prob *prob = glp_create_prob();
    glp_set_prob_name(prob, hp_name(m, m->name_offset));
    glp_set_obj_name(prob, "obj");
    glp_set_obj_dir(prob, m->maximize ? GLP_MAX : GLP_MIN);
    glp_set_obj_coef(prob, 0, m->objective_offset);

    if (m->num_rows > 0) glp_add_rows(prob, m->num_rows);
    for (int i = 0; i < m->num_rows; i++) {
        glp_set_row_name(prob, i + 1, hp_name(m, m->row_name_offset[i]));
        glp_set_row_bnds(prob, i + 1, hp_bound_type(m->row_lower[i], m->row_upper[i]),
                         hp_finite_or_zero(m->row_lower[i]), hp_finite_or_zero(m->row_upper[i]));
    }
    if (m->num_cols > 0) glp_add_cols(prob, m->num_cols);
    for (int j = 0; j < m->num_cols; j++) {
        glp_set_col_name(prob, j + 1, hp_name(m, m->col_name_offset[j]));
        /* Binary columns are integer columns with bounds inside [0, 1]: GLP_BV would reset the
           bounds to exactly [0, 1] and lose fixings. */
        glp_set_col_kind(prob, j + 1, m->col_is_integer[j] ? GLP_IV : GLP_CV);
        glp_set_col_bnds(prob, j + 1, hp_bound_type(m->col_lower[j], m->col_upper[j]),
                         hp_finite_or_zero(m->col_lower[j]), hp_finite_or_zero(m->col_upper[j]));
        glp_set_obj_coef(prob, j + 1, m->col_objective[j]);
    }

    if (p->inject_error) {
        /* Deliberate misuse for tests: column index out of range raises a GLPK error. */
        glp_set_col_bnds(prob, m->num_cols + 1, GLP_FX, 0.0, 0.0);
    }

    if (m->num_nonzeros > 0) {
        int ne = m->num_nonzeros;
        int *ia = glp_alloc(ne + 1, (int)sizeof(int));
        int *ja = glp_alloc(ne + 1, (int)sizeof(int));
        double *ar = glp_alloc(ne + 1, (int)sizeof(double));
        for (int k = 0; k < ne; k++) {
            ia[k + 1] = m->nz_row[k] + 1;
            ja[k + 1] = m->nz_col[k] + 1;
            ar[k + 1] = m->nz_value[k];
        }
        glp_load_matrix(prob, ne, ia, ja, ar);
        glp_free(ar);
        glp_free(ja);
        glp_free(ia);
    }
    return prob;
}

/* MARK: solving */

static void hp_copy_basic(glp_prob *prob, int n, double *values, hp_glpk_result *r) {
    for (int j = 0; j < n; j++) values[j] = glp_get_col_prim(prob, j + 1);
    r->objective = glp_get_obj_val(prob);
    r->solution_kind = HP_GLPK_SOLUTION_BASIC;
}

static void hp_copy_mip(glp_prob *prob, int n, double *values, hp_glpk_result *r) {
    for (int j = 0; j < n; j++) values[j] = glp_mip_col_val(prob, j + 1);
    r->objective = glp_mip_obj_val(prob);
    r->solution_kind = HP_GLPK_SOLUTION_MIP;
}

static void hp_solve_body(hp_ctx *ctx, const hp_glpk_model *m, const hp_glpk_params *p,
                          double *values) {
    hp_glpk_result *r = ctx->result;
    glp_prob *prob = hp_build(m, p);

    if (p->lp_path != NULL) {
        r->write_return = glp_write_lp(prob, NULL, p->lp_path);
        if (r->write_return != 0) {
            r->outcome = HP_GLPK_WRITE_FAILED;
            glp_delete_prob(prob);
            return;
        }
    }
    if (p->write_only) {
        glp_delete_prob(prob);
        return;
    }

    int limited = p->time_limit_ms > 0;
    double start = hp_now_ms();

    /* 1. LP relaxation with the primal simplex: gives the optimal basis glp_intopt needs when its
          presolver is off, detects infeasible / unbounded relaxations, and a first bound. */
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = p->verbose ? GLP_MSG_ON : GLP_MSG_ERR;
    if (limited) smcp.tm_lim = p->time_limit_ms;
    smcp.it_lim = hp_root_iterations_left(prob, p);
    r->simplex_return = glp_simplex(prob, &smcp);
    if (r->simplex_return == GLP_EFAIL) {
        /* The basis went singular: the coefficients span too many orders of magnitude (times of
           microseconds next to seconds on a slow unit). Scale rows and columns, restart from an
           advanced basis and try once more. Only models that failed take this path, so the
           results of every other model are unchanged. */
        glp_scale_prob(prob, GLP_SF_AUTO);
        glp_adv_basis(prob, 0);
        if (limited) {
            double left = p->time_limit_ms - (hp_now_ms() - start);
            smcp.tm_lim = left < 1.0 ? 1 : (int)left;
        }
        smcp.it_lim = hp_root_iterations_left(prob, p);
        r->simplex_return = glp_simplex(prob, &smcp);
    }
    r->simplex_status = glp_get_status(prob);
    r->simplex_iterations = glp_get_it_cnt(prob);
    r->total_iterations = r->simplex_iterations;
    if (r->simplex_return == GLP_EITLIM) r->hit_iteration_limit = 1;
    r->lp_objective = glp_get_obj_val(prob);

    if (glp_get_num_int(prob) == 0) {
        if (glp_get_prim_stat(prob) == GLP_FEAS) hp_copy_basic(prob, m->num_cols, values, r);
        glp_delete_prob(prob);
        return;
    }
    if (r->simplex_return != 0 || r->simplex_status != GLP_OPT) {
        glp_delete_prob(prob);
        return;
    }
    r->has_bound = 1;
    r->best_bound = r->lp_objective;

    /* 2. Branch-and-cut from that basis, with the remaining time. */
    if (p->warm_start != NULL && !p->presolve) {
        double *x = glp_alloc(m->num_cols + 1, (int)sizeof(double));
        x[0] = 0.0;
        for (int j = 0; j < m->num_cols; j++) x[j + 1] = p->warm_start[j];
        ctx->warm_start_1based = x;
    }
    glp_iocp iocp;
    glp_init_iocp(&iocp);
    iocp.msg_lev = p->verbose ? GLP_MSG_ON : GLP_MSG_ERR;
    iocp.presolve = p->presolve ? GLP_ON : GLP_OFF;
    if (p->cuts) {
        iocp.mir_cuts = GLP_ON;
        iocp.gmi_cuts = GLP_ON;
        iocp.cov_cuts = GLP_ON;
        iocp.clq_cuts = GLP_ON;
    }
    iocp.mip_gap = p->mip_gap;
    iocp.cb_func = hp_callback;
    iocp.cb_info = ctx;
    if (limited) {
        double remaining = (double)p->time_limit_ms - (hp_now_ms() - start);
        iocp.tm_lim = remaining < 1.0 ? 1 : (int)remaining;
    }
    r->intopt_ran = 1;
    ctx->root_iterations = glp_get_it_cnt(prob);
    r->intopt_return = glp_intopt(prob, &iocp);
    if (r->intopt_return == GLP_EFAIL) {
        /* A node's LP went singular (see the simplex retry above): scale, re-solve the root and
           run branch-and-cut once more with the time left, offering the warm start again. */
        glp_scale_prob(prob, GLP_SF_AUTO);
        glp_adv_basis(prob, 0);
        if (limited) {
            double left = p->time_limit_ms - (hp_now_ms() - start);
            smcp.tm_lim = left < 1.0 ? 1 : (int)left;
        }
        smcp.it_lim = INT_MAX; /* a re-solve of the root after a failure, inside the branch budget */
        if (glp_simplex(prob, &smcp) == 0 && glp_get_status(prob) == GLP_OPT) {
            if (limited) {
                double left = (double)p->time_limit_ms - (hp_now_ms() - start);
                iocp.tm_lim = left < 1.0 ? 1 : (int)left;
            }
            r->warm_start = HP_GLPK_WARM_NOT_OFFERED;
            r->intopt_return = glp_intopt(prob, &iocp);
        }
    }
    r->total_iterations = glp_get_it_cnt(prob);
    r->mip_status = glp_mip_status(prob);
    if (r->mip_status == GLP_OPT || r->mip_status == GLP_FEAS) {
        hp_copy_mip(prob, m->num_cols, values, r);
    }
    if (ctx->warm_start_1based != NULL) {
        glp_free((void *)ctx->warm_start_1based);
        ctx->warm_start_1based = NULL;
    }
    glp_delete_prob(prob);
}

/* MARK: the guard */

static int hp_guarded_run(hp_ctx *ctx, const hp_glpk_model *m, const hp_glpk_params *p,
                          double *values) {
    if (setjmp(ctx->jump) != 0) {
        /* An error hook fired. GLPK's state on this thread is unusable: free all of it. Only
           memory reached through ctx (owned by our caller) is read after the longjmp. */
        glp_free_env();
        ctx->result->outcome = HP_GLPK_CAUGHT_ERROR;
        ctx->result->solution_kind = HP_GLPK_SOLUTION_NONE;
        return HP_GLPK_CAUGHT_ERROR;
    }
    glp_term_hook(hp_term_hook, ctx);
    glp_error_hook(hp_error_hook, ctx);
    hp_solve_body(ctx, m, p, values);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    glp_free_env();
    return ctx->result->outcome;
}

int hp_glpk_run(const hp_glpk_model *model, const hp_glpk_params *params, double *values,
                char *log, size_t log_capacity, hp_glpk_result *result) {
    memset(result, 0, sizeof *result);
    result->outcome = HP_GLPK_FINISHED;
    if (log_capacity > 0) log[0] = '\0';
    hp_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.result = result;
    ctx.maximize = model->maximize;
    ctx.node_limit = params->node_limit;
    ctx.branch_iteration_limit = params->branch_iteration_limit;
    ctx.log = log;
    ctx.log_capacity = log_capacity;
    return hp_guarded_run(&ctx, model, params, values);
}
