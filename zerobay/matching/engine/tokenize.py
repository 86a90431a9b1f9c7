"""Chinese tokenisation: jieba words (plain, or with the domain vocabulary) and character n-grams.

jieba is quiet (no start-up chatter on stderr) and works offline: its dictionary ships in the
package; the parsed-dictionary cache goes to the system temp directory, and if that is not
writable jieba simply parses the dictionary again.
"""

import logging
import re
import threading
from functools import cache, lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)

_lock = threading.Lock()

# Function words and the boilerplate of demand and achievement write-ups: they match everything.
STOPWORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "在",
        "是",
        "为",
        "对",
        "等",
        "中",
        "上",
        "下",
        "把",
        "被",
        "将",
        "从",
        "以",
        "于",
        "其",
        "之",
        "也",
        "而",
        "并",
        "又",
        "这",
        "那",
        "有",
        "无",
        "不",
        "没",
        "没有",
        "就",
        "都",
        "要",
        "能",
        "可",
        "可以",
        "我们",
        "我",
        "你",
        "他",
        "它",
        "本",
        "该",
        "此",
        "各",
        "每",
        "一",
        "一种",
        "一个",
        "一套",
        "一批",
        "一些",
        "进行",
        "实现",
        "采用",
        "通过",
        "利用",
        "基于",
        "用于",
        "具有",
        "如何",
        "怎么",
        "怎样",
        "怎么办",
        "什么",
        "哪些",
        "能否",
        "是否",
        "希望",
        "需要",
        "需求",
        "寻求",
        "寻找",
        "征集",
        "目前",
        "现在",
        "现有",
        "问题",
        "方面",
        "相关",
        "主要",
        "以及",
        "提供",
        "包括",
        "具备",
        "解决",
        "研究",
        "研制",
        "开发",
        "技术",
        "方法",
        "系统",
        "装置",
        "平台",
        "成果",
        "项目",
        "公司",
        "企业",
        "我司",
        "单位",
        "领域",
        "应用",
        "有效",
        "提高",
        "提升",
        "能力",
        "达到",
        "左右",
        "很",
        "较",
        "更",
        "最",
        "已",
        "已经",
        "还",
        "还是",
        "但",
        "但是",
        "因为",
        "所以",
        "如果",
        "由于",
        "针对",
        "根据",
        "及其",
        "使",
        "使得",
        "让",
        "给",
        "用",
        "个",
        "种",
        "次",
        "后",
        "前",
        "时",
        "里",
        "内",
        "外",
        "多",
        "少",
        "大",
        "小",
        "高",
        "低",
        "好",
        "新",
        "做",
        "来",
        "去",
        "到",
        "会",
        "着",
        "过",
        "想",
        "所",
        "能够",
        "可能",
        "同时",
        "其中",
        "方式",
        "情况",
    ]
)

_WORD = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z][A-Za-z0-9+\-.]*|\d+(?:\.\d+)?")
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _clean(tokens) -> list[str]:
    return [t for t in map(_kept, tokens) if t]


@lru_cache(maxsize=1 << 18)
def _kept(token: str) -> str:
    """The token as indexed, or "" when it is dropped. Memoised: a corpus repeats its words, and
    indexing 100,000 documents asks about some ten million tokens."""
    token = token.strip().lower()
    if not token or token in STOPWORDS or not _WORD.fullmatch(token):
        return ""
    if len(token) == 1 and not token.isascii():
        return ""  # single characters carry little meaning on their own; the n-gram leg keeps them
    return token


@cache
def plain_tokenizer() -> jieba.Tokenizer:
    """jieba with its own dictionary only: the baseline's tokenizer."""
    with _lock:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
    return tokenizer


@cache
def domain_tokenizer() -> jieba.Tokenizer:
    """jieba that also knows the domain vocabulary's terms (a separate instance: the plain one stays plain)."""
    from .vocabulary import vocabulary

    with _lock:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for term in vocabulary().terms:
            if _HAN.search(term):
                tokenizer.add_word(term, freq=max(tokenizer.suggest_freq(term), 2000))
    return tokenizer


def plain_words(text: str) -> list[str]:
    """The baseline's words: jieba's precise mode, minus stopwords and punctuation."""
    return _clean(plain_tokenizer().lcut(text))


def domain_words(text: str) -> list[str]:
    """Words for the improved legs: search mode (a long word also yields its parts) with the domain vocabulary."""
    return _clean(domain_tokenizer().lcut_for_search(text))


def char_ngrams(text: str, sizes: tuple[int, ...] = (2, 3)) -> list[str]:
    """Character n-grams of each run of Chinese characters, plus whole ASCII words (TRL, SLAM, MEMS...)."""
    grams = []
    for run in _WORD.findall(text.lower()):
        if not _HAN.fullmatch(run):
            grams.append(run)
            continue
        for n in sizes:
            grams.extend(run[i : i + n] for i in range(len(run) - n + 1))
        if len(run) == 1:
            grams.append(run)
    return grams
