#include "imapwatch_curl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// The soname of Debian's libcurl4 (OpenSSL flavour), the package's dependency.
#define IMAPWATCH_CURL_SONAME "libcurl.so.4"

static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    CURLcode (*easy_perform)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
    void (*slist_free_all)(struct curl_slist *list);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
} curl;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *failure = "libcurl was not loaded";
static char failure_text[512];

static int resolve(void *library, const char *name, void **slot) {
    *slot = dlsym(library, name);
    if (*slot) return 1;
    snprintf(failure_text, sizeof failure_text, "%s has no %s", IMAPWATCH_CURL_SONAME, name);
    failure = failure_text;
    return 0;
}

static void load(void) {
    void *library = dlopen(IMAPWATCH_CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *reason = dlerror();
        snprintf(failure_text, sizeof failure_text, "libcurl could not be loaded: %s",
                 reason ? reason : IMAPWATCH_CURL_SONAME " not found");
        failure = failure_text;
        return;
    }
    if (!resolve(library, "curl_global_init", (void **)&curl.global_init) ||
        !resolve(library, "curl_easy_init", (void **)&curl.easy_init) ||
        !resolve(library, "curl_easy_cleanup", (void **)&curl.easy_cleanup) ||
        !resolve(library, "curl_easy_perform", (void **)&curl.easy_perform) ||
        !resolve(library, "curl_easy_strerror", (void **)&curl.easy_strerror) ||
        !resolve(library, "curl_slist_append", (void **)&curl.slist_append) ||
        !resolve(library, "curl_slist_free_all", (void **)&curl.slist_free_all) ||
        !resolve(library, "curl_easy_setopt", (void **)&curl.easy_setopt) ||
        !resolve(library, "curl_easy_getinfo", (void **)&curl.easy_getinfo)) {
        return;  // the library stays loaded; nothing calls into it
    }
    CURLcode code = curl.global_init(CURL_GLOBAL_DEFAULT);
    if (code != CURLE_OK) {
        snprintf(failure_text, sizeof failure_text, "curl_global_init failed (%d)", (int)code);
        failure = failure_text;
        return;
    }
    failure = NULL;
}

const char *imapwatch_curl_load(void) {
    pthread_once(&once, load);
    return failure;
}

// Every wrapper below runs after imapwatch_curl_load() returned NULL on some thread; pthread_once's return
// orders the loader's writes before them.
#define IMAPWATCH_REQUIRE_READY(fallback) \
    do { if (imapwatch_curl_load() != NULL) return fallback; } while (0)

CURL *imapwatch_curl_easy_init(void) {
    IMAPWATCH_REQUIRE_READY(NULL);
    return curl.easy_init();
}

void imapwatch_curl_easy_cleanup(CURL *handle) {
    if (imapwatch_curl_load() != NULL || !handle) return;
    curl.easy_cleanup(handle);
}

CURLcode imapwatch_curl_easy_perform(CURL *handle) {
    IMAPWATCH_REQUIRE_READY(CURLE_FAILED_INIT);
    return curl.easy_perform(handle);
}

const char *imapwatch_curl_easy_strerror(CURLcode code) {
    IMAPWATCH_REQUIRE_READY("libcurl is not loaded");
    return curl.easy_strerror(code);
}

struct curl_slist *imapwatch_curl_slist_append(struct curl_slist *list, const char *text) {
    IMAPWATCH_REQUIRE_READY(NULL);
    return curl.slist_append(list, text);
}

void imapwatch_curl_slist_free_all(struct curl_slist *list) {
    if (imapwatch_curl_load() != NULL || !list) return;
    curl.slist_free_all(list);
}

CURLcode imapwatch_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    IMAPWATCH_REQUIRE_READY(CURLE_FAILED_INIT);
    return curl.easy_setopt(handle, option, value);
}

CURLcode imapwatch_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    IMAPWATCH_REQUIRE_READY(CURLE_FAILED_INIT);
    return curl.easy_setopt(handle, option, value);
}

CURLcode imapwatch_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    IMAPWATCH_REQUIRE_READY(CURLE_FAILED_INIT);
    return curl.easy_setopt(handle, option, value);
}

CURLcode imapwatch_curl_setopt_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    IMAPWATCH_REQUIRE_READY(CURLE_FAILED_INIT);
    return curl.easy_setopt(handle, option, value);
}

CURLcode imapwatch_curl_setopt_data_callback(CURL *handle, CURLoption option, imapwatch_curl_data_callback value) {
    IMAPWATCH_REQUIRE_READY(CURLE_FAILED_INIT);
    return curl.easy_setopt(handle, option, value);
}

CURLcode imapwatch_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    IMAPWATCH_REQUIRE_READY(CURLE_FAILED_INIT);
    return curl.easy_getinfo(handle, info, value);
}
