/* Replays fuzz inputs through a target's LLVMFuzzerTestOneInput without
 * libFuzzer, so every seed corpus runs as an ordinary test.  Arguments are
 * files or directories (every regular file in them).  Each input is copied
 * into a buffer of exactly its size, so a sanitizer or valgrind catches a
 * read past the end. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return 1;
    }
    size_t cap = 1 << 20, n = 0;
    uint8_t *tmp = malloc(cap);
    if (tmp == NULL) {
        fclose(f);
        return 1;
    }
    n = fread(tmp, 1, cap, f);
    fclose(f);
    uint8_t *exact = malloc(n > 0 ? n : 1);
    if (exact == NULL) {
        free(tmp);
        return 1;
    }
    memcpy(exact, tmp, n);
    free(tmp);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    printf("ok %s (%zu bytes)\n", path, n);
    return 0;
}

static int replay_dir(const char *dir, int *count)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "replay: cannot open directory %s\n", dir);
        return 1;
    }
    int failed = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        failed |= replay_file(path);
        (*count)++;
    }
    closedir(d);
    return failed;
}

int main(int argc, char **argv)
{
    int failed = 0, count = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            failed |= replay_dir(argv[i], &count);
        } else {
            failed |= replay_file(argv[i]);
            count++;
        }
    }
    if (count == 0) {
        fprintf(stderr, "replay: no inputs\n");
        return 1;
    }
    printf("%d inputs replayed\n", count);
    return failed;
}
