"""
Relecture's bridge to Grammalecte: one long-lived process, one JSON request per
line on stdin, one JSON answer per line on stdout.

Started by src/grammalecte/grammalecte-process.ts as `python3 -u grammalecte-driver.py`.

    -> {"id": 1, "paragraphs": [{"iParagraph": 3, "sText": "..."}], "options": {"apos": false}, "spelling": false}
    <- {"id": 1, "data": [{"iParagraph": 3, "lGrammarErrors": [...], "lSpellingErrors": []}]}

The first line written is {"ready": true, "version": ..., "options": {...}}, once
the dictionaries are loaded. Errors keep Grammalecte's own fields (nStart and nEnd
are Python str indices, that is code points into the paragraph); the TypeScript
side maps them to UTF-16 offsets into the original text. Output is ASCII-only JSON
(ensure_ascii) so that no encoding setting of the pipe can garble it.
"""

import json
import sys
import traceback


def send(message):
    sys.stdout.write(json.dumps(message, ensure_ascii=True) + "\n")
    sys.stdout.flush()


def main():
    try:
        import grammalecte
        checker = grammalecte.GrammarChecker("fr")
        engine = checker.getGCEngine()
        spellchecker = checker.getSpellChecker()
    except Exception as error:  # reported to the parent, which shows it to the user
        send({"ready": False, "error": "cannot load Grammalecte: " + repr(error)})
        return 1
    defaults = engine.getDefaultOptions()
    send({"ready": True, "version": engine.version, "options": defaults})

    for line in sys.stdin.buffer:
        line = line.strip()
        if not line:
            continue
        request_id = None
        try:
            request = json.loads(line.decode("utf-8", "surrogatepass"))
            request_id = request.get("id")
            options = dict(defaults)
            options.update({k: bool(v) for k, v in (request.get("options") or {}).items() if k in defaults})
            spelling = bool(request.get("spelling"))
            data = []
            for paragraph in request.get("paragraphs", []):
                index = paragraph["iParagraph"]
                text = paragraph["sText"]
                try:
                    errors = list(engine.parse(text, "FR", dOptions=options))
                    for error in errors:
                        error.pop("aColor", None)
                    misspelt = spellchecker.parseParagraph(text, True) if spelling else []
                    data.append({"iParagraph": index, "lGrammarErrors": errors, "lSpellingErrors": misspelt})
                except Exception as error:
                    # One paragraph that breaks a rule must not lose the others.
                    data.append({"iParagraph": index, "error": "".join(traceback.format_exception_only(type(error), error)).strip()})
            send({"id": request_id, "data": data})
        except Exception as error:
            send({"id": request_id, "error": "".join(traceback.format_exception_only(type(error), error)).strip()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
