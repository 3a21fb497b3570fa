/* The spec runner's engine adapters: runner.c performs each command of a .wast through one of
 * these, either the native API (engine_wisp.c, include/wisp.h; the default) or the standard C API
 * (engine_capi.c, include/wasm.h; `spec_runner --api=capi`, or --api=capi-serialize to run every
 * module through its serialized form). Values travel as struct wisp_value
 * (a plain data struct) and outcomes as struct spec_outcome, so both adapters are judged by the
 * same code. */
#ifndef WISP_TESTS_SPEC_ENGINE_H
#define WISP_TESTS_SPEC_ENGINE_H

#include "spec.h"

/* What an operation did: the same classification as struct wisp_result, but owned by the runner
 * (message is malloc'd; release with spec_outcome_free). */
struct spec_outcome {
    enum wisp_result_kind kind;
    enum wisp_trap_code trap;   /* kind == WISP_TRAP; WISP_TRAP_NONE if the API cannot say */
    enum wisp_error_code error; /* kind == WISP_ERROR */
    int32_t exit_code;          /* kind == WISP_EXIT */
    char *message;              /* or NULL */
    uint64_t offset;            /* UINT64_MAX if unknown */
    uint32_t func_index;        /* UINT32_MAX if unknown */
};

/* A success outcome (owns nothing). */
struct spec_outcome spec_outcome_ok(void);
/* An error outcome with a formatted message. */
struct spec_outcome spec_outcome_error(enum wisp_error_code code, const char *fmt, ...) SPEC_PRINTF(2, 3);
void spec_outcome_free(struct spec_outcome *o);

/* Objects of one file's run; each adapter defines them. All belong to the session. */
struct spec_session;
struct spec_module;
struct spec_instance;

enum spec_action_status {
    SPEC_ACTION_DONE,        /* performed; the outcome says how it went */
    SPEC_ACTION_NO_EXPORT,   /* no export of that name */
    SPEC_ACTION_WRONG_KIND,  /* the export is not a function (invoke) or a global (get) */
    SPEC_ACTION_UNSUPPORTED, /* the API cannot express it (v128 values through wasm.h) */
};

struct spec_api {
    const char *name;      /* "wisp" or "capi" */
    const char *unsupported; /* why SPEC_ACTION_UNSUPPORTED happens, for the report */
    bool has_v128;         /* can carry v128 arguments and results */
    /* A fresh engine and store with the `spectest` module defined; NULL (and why in err) on failure. */
    struct spec_session *(*open)(struct spec_buf *err);
    /* Frees the session and every module and instance made in it. */
    void (*close)(struct spec_session *s);
    /* Decodes, validates and compiles; NULL with *out saying why on failure. */
    struct spec_module *(*compile)(struct spec_session *s, const uint8_t *bytes, size_t len, struct spec_outcome *out);
    /* Decodes and validates only. */
    void (*validate)(struct spec_session *s, const uint8_t *bytes, size_t len, struct spec_outcome *out);
    /* Resolves imports by name (registered instances and spectest) and instantiates; NULL with
     * *out saying why (an unlinkable error or a trap) on failure. */
    struct spec_instance *(*instantiate)(struct spec_session *s, struct spec_module *m, struct spec_outcome *out);
    /* Makes every export of inst importable under the module name `as`. */
    void (*register_instance)(struct spec_session *s, const struct spec_name *as, struct spec_instance *inst,
                              struct spec_outcome *out);
    /* Calls export `field`; on SPEC_ACTION_DONE *results (malloc'd, *nresults long) holds the
     * results when out->kind == WISP_OK. */
    enum spec_action_status (*invoke)(struct spec_session *s, struct spec_instance *inst, const struct spec_name *field,
                                      const struct wisp_value *args, size_t nargs, struct wisp_value **results,
                                      size_t *nresults, struct spec_outcome *out);
    /* Reads exported global `field`. */
    enum spec_action_status (*get)(struct spec_session *s, struct spec_instance *inst, const struct spec_name *field,
                                   struct wisp_value *value);
};

extern const struct spec_api spec_api_wisp;
#ifdef WISP_SPEC_CAPI
extern const struct spec_api spec_api_capi;
extern const struct spec_api spec_api_capi_serialize; /* modules pass through wasm_module_serialize */
#endif

#endif
