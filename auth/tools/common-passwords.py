#!/usr/bin/env python3
"""Generates auth's list of common passwords (auth/service/src/main/resources/passwords/common.txt).

The lists usually taken for this (SecLists' top 10,000, Have I Been Pwned) are not reachable from
the build machines, so the list is made here from what every one of them is full of: the most
frequent base words of leaked-password lists (English and transliterated Russian), keyboard walks,
digit runs, and those words with the suffixes people add (digits, years, '!'), capitalised or not.
The policy compares lower-cased, so only lower-case entries are written. Run it again to rebuild:
    python3 auth/tools/common-passwords.py > auth/service/src/main/resources/passwords/common.txt
"""

WORDS = """password passw0rd p@ssword p@ssw0rd qwerty qwertyuiop qwertyui asdfgh asdfghjkl zxcvbnm
zxcvbn 1q2w3e4r 1q2w3e4r5t 1qaz2wsx 1qaz2wsx3edc qazwsx qazwsxedc qweasd qweasdzxc q1w2e3r4 q1w2e3r4t5
zaq12wsx abc123 abcdef abcdefg abcdefgh abcd1234 admin administrator root toor letmein welcome login
master monkey dragon shadow sunshine princess football baseball basketball soccer hockey superman batman
spiderman starwars pokemon iloveyou trustno1 whatever freedom michael jennifer jordan hunter ranger
buster thomas robert daniel charlie andrew matthew joshua michelle jessica ashley amanda nicole
summer winter autumn spring flower orange banana apple cookie chocolate butterfly computer internet
secret changeme default guest user test tester testing access passport mustang killer pepper
ginger maggie tigger hello hello123 hellokitty lovely loveme blessed angel angels family friends
forever mylove babygirl liverpool chelsea arsenal barcelona realmadrid manchester juventus
samsung nokia iphone google yandex mail rambler microsoft windows linux ubuntu debian
parol parol123 privet privetik kotik solnce solnyshko zvezda lubov lyubov lubimaya nataly natasha
anastasia svetlana tatyana marina olga elena irina ekaterina katya masha dasha sasha alexander
alexey sergey andrey dmitry vladimir vova maksim ivan nikita denis pavel roman artem
spartak zenit cska dinamo lokomotiv moskva moscow russia rossiya piter sankt samara kazan
jcuken ytrewq qwertyu asdfg zxcvb 123qwe 123qweasd qwe123 qwerty123 qwerty1 qwerty12 asd123 zxc123
internet provider billing lastmile network router wifi modem server office company support
operator cashier manager director boss work home house money dollar rubl euro bitcoin
god jesus christ heaven matrix hacker gamer player mother father sister brother baby
""".split()

DIGIT_RUNS = [
    "123456", "1234567", "12345678", "123456789", "1234567890", "0123456789", "987654321",
    "9876543210", "111111", "1111111111", "000000", "0000000000", "121212", "123123", "123123123",
    "112233", "11223344", "654321", "666666", "777777", "888888", "999999", "123321", "1234554321",
    "159753", "147258369", "123654789", "789456123", "741852963", "5555555555", "1212121212",
]

KEYBOARD = [
    "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertyuiop[]", "1qaz2wsx3edc4rfv", "qazwsxedcrfv",
    "poiuytrewq", "lkjhgfdsa", "mnbvcxz", "qwerasdfzxcv", "1234qwer", "1234qwerasdf", "qwer1234",
    "1q2w3e4r5t6y", "1q2w3e4r5t6y7u", "zaq1xsw2cde3", "!qaz2wsx", "!qaz@wsx", "qwerty123456",
    "qwertyuiop123", "asdfghjkl123", "zxcvbnm123", "1qazxsw2", "qwaszx", "qazxsw", "ytrewq123",
]

SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "!", "1!", "123!", "01", "007", "69", "99", "00",
            "11", "13", "21", "22", "77", "88", "777", "666", "111", "2000", "2024", "2025", "2026"]
SUFFIXES += [str(y) for y in range(1960, 2027, 1)]


def entries():
    seen = set()
    for w in DIGIT_RUNS + KEYBOARD:
        yield w
    for w in WORDS:
        for s in SUFFIXES:
            yield w + s
        yield w + w
        yield "my" + w
        yield w[::-1]
    for w in DIGIT_RUNS[:10]:
        yield "a" + w
        yield w + "a"
        yield "q" + w


def main():
    seen = set()
    out = []
    for e in entries():
        e = e.lower()
        if e not in seen:
            seen.add(e)
            out.append(e)
    print("\n".join(out))


if __name__ == "__main__":
    main()
