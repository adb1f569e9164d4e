#!/usr/bin/env python3
"""Build gazetteers/given-names.txt: common given names, for telling a surname from a place.

    python3 scripts/build_given_names.py        # needs scripts/requirements.txt (as build_gazetteers.py)

`nergraph` reads a one-word place name right after a capitalised given name as that person's
surname (`Brendan Nelson`, `Alejandro Toledo`): see src/resolve.rs. The names are the first
names of the US Census 1990 frequency lists (public domain; shipped in the `names` package)
and a curated list of names common in world news that the census lacks (`WORLD`), without those that are also ordinary English words (`Will`, `Mark`, `Rose`: lower-case entries
of /usr/share/dict/words, Debian package wamerican) and those under three letters. Names that
are also places or organisations of the gazetteers in use are left out when nergraph loads them.
Output is sorted, one name a line.
"""
from __future__ import annotations

import os

# The same census lists and English words as the place gazetteers' ambiguity decisions.
from build_gazetteers import LOWER_WORDS, census_top

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "gazetteers", "given-names.txt")


# Given names common in the news that the US census lists lack: Arabic, Persian, Pashto, Urdu,
# Turkic, Russian, Ukrainian, Belarusian, South Asian and African ones, in the transliterations
# news uses (`Asadullah Safi`, `Oleksandr Syrskyi`). Curated; the same filters apply.
WORLD = """
Abbas Abdel Abdul Abdulaziz Abdulla Abdullah Abdulrahman Abdurrahman Abiy Abolfazl Adel Adnan
Ahmad Ahmet Ajit Akbar Akhilesh Akram Aleksandr Aleksei Alexei Alexey Almazbek Amin Amir Amit
Ammar Anas Anatoly Andrei Andrey Andriy Anwar Arseniy Arvind Asad Asadullah Ashraf Askar Assimi
Atiq Ayman Aziz Bakhtiyor Bakyt Bashir Bilal Bola Boris Daniyar Dilshod Dmitri Dmitry Dmytro
Ebrahim Emmerson Emomali Erlan Esmaeil Faisal Farhad Farid Farooq Farrukh Fawad Fazal Fazl
Gennady Gholam Ghulam Grigory Gulbuddin Gurbanguly Habib Habibullah Hakainde Hakan Hamdullah
Hamid Hamza Hanif Haroon Hasan Hassan Heydar Hikmatullah Hossein Hussain Hussein Ibrahim Igor
Ihsan Ilham Ilya Imran Inayatullah Iqbal Irfan Irina Ishaq Ismail Jalal Jamal Jamshid Javad
Javed Kamal Kamchybek Kanat Karim Kassym Kazem Kemal Khaled Khalid Kirill Konstantin Latif
Leonid Lyudmila Mahmood Mahmoud Mahmud Majid Mamata Manmohan Masood Masoud Maxim Mehdi Mehmet
Mevlut Mikhail Mohamed Mohammad Mohammed Mohsen Mohsin Mojtaba Muhammad Muhammadu Munir Murad
Mustafa Mykhailo Mykola Nabil Najib Narendra Nasir Nasser Nawaz Nazir Nikolai Nikolay Nirmala
Nitish Noor Nurlan Nursultan Oleg Oleh Oleksandr Oleksii Oleksiy Olena Oksana Osama Pavel Pavlo
Petro Piyush Priyanka Pyotr Qasem Qasim Rahim Rahmatullah Rahul Rajesh Rajnath Ramesh Rashid
Reza Ruslan Rustam Saad Sadyr Saeed Saif Salim Salman Samir Sanjay Serdar Sergei Sergey Serhii
Serhiy Shafiq Shahbaz Shashi Shavkat Shehbaz Sherzod Sirajuddin Stanislav Suhail Sunil Suresh
Svetlana Tahir Tariq Taras Tatiana Tatyana Timur Ulugbek Usman Valentin Valery Vasily Vasyl
Viktor Vitali Vitaly Vladimir Vladislav Volodymyr Vyacheslav Waleed Walid Yahya Yaqub Yasin
Yekaterina Yerlan Yevgeniy Yevgeny Yousaf Yousef Yoweri Yulia Yuri Yuriy Yury Yusuf Zabihullah
Zahir Zaid Zakir Zalmay Ziaullah
""".split()

# More given names of world news, written given name first (so not Chinese, Korean or
# Vietnamese ones): Japanese (`Hiroshi Matsumoto`, `Takeshi Yamaguchi`: many Japanese family
# names are towns), Southeast and South Asian, Turkish, Persian, Arabic, Hebrew, African,
# European and Latin American, as news writes them in Latin letters without diacritics (the
# matcher folds them: `Radosław` is `Radoslaw`). Curated; the same filters apply.
WORLD_MORE = """
Akihiro Akihito Akiko Akio Akira Atsushi Ayako Chieko Daiki Daisuke Eiji Emiko Fumiko Fumio
Genta Goro Hajime Hanako Haruhiko Haruka Haruki Haruto Hayato Hideki Hideo Hidetoshi Hiroaki
Hirofumi Hirokazu Hiroki Hiromi Hironori Hiroshi Hiroto Hiroyuki Hisashi Ichiro Isamu Jiro
Junichi Junichiro Junko Kaori Katsuhiko Katsunobu Katsuya Kazuhiro Kazuki Kazunori Kazuo Kazuya
Keiji Keiko Keisuke Kenichi Kenichiro Kenji Kenjiro Kenta Kentaro Kenzo Kiyoshi Koichi Koji
Kosuke Kotaro Kumiko Kunio Kyoko Makoto Mamoru Mariko Masaaki Masahiro Masaki Masako Masami
Masao Masaru Masashi Masato Masayoshi Masayuki Megumi Michiko Minoru Mitsuo Naoki Naoto Natsuko
Nobuhiro Nobuo Nobuyuki Noriko Osamu Reiko Ryosuke Ryota Ryuichi Sachiko Sanae Satoshi Sayaka
Seiji Seiko Shigeru Shinichi Shinjiro Shinzo Shiro Shohei Shota Shuichi Shunichi Sota Susumu
Tadashi Takahiro Takako Takashi Takayuki Takeshi Takuya Taro Tatsuya Tetsuo Tetsuya Tomohiro
Tomoko Tomomi Toru Toshiaki Toshihiro Toshimitsu Toshio Tsutomu Tsuyoshi Yasuhiro Yasuo Yasushi
Yoichi Yoji Yoko Yoshiaki Yoshihide Yoshihiko Yoshiko Yoshimasa Yoshio Yoshiro Yoshitaka
Yuichi Yuji Yukio Yuko Yumi Yuriko Yusuke Yuta Yutaka
Airlangga Anies Bahlil Bambang Ganjar Gibran Luhut Megawati Prabowo Retno Ridwan Susilo Wahyu
Yusril Mahathir Muhyiddin Rafizi Zahid Anutin Chadchart Paetongtarn Phumtham Prayut Prawit
Srettha Thaksin Thanathorn Yingluck Somchai Somsak
Aaditya Ashok Ashwini Bhupesh Chandrababu Devendra Dharmendra Eknath Gautam Gaurav Harish
Hemant Himanta Jasprit Jitendra Kailash Lalit Mallikarjun Mukesh Naveen Nitin Pinarayi Pradeep
Prakash Pranab Rajeev Rajiv Rakesh Ratan Ravindra Revanth Rishabh Rohit Sachin Sandeep Sanjiv
Santosh Shivraj Shubman Siddaramaiah Subhash Sudhir Suryakumar Sushil Tejashwi Uddhav Venkaiah
Vikram Vinod Virat Vivek Yashwant Ahsan Aitzaz Asim Bilawal Bushra Fakhar Fazlur Maryam Misbah
Nadeem Pervez Qamar Raheel Rizwan Shadab Shaheen Shoaib Waqar Wasim Zulfikar Anura Gotabaya
Mahinda Namal Ranil Sajith Sushila Balendra Tarique Khaleda Obaidul
Alparslan Berat Binali Burak Cevdet Devlet Ekrem Emre Erdal Fatih Halil Hulusi Ismet Levent
Mansur Meral Muharrem Numan Oguz Omer Ozgur Selahattin Serkan Sinan Suleyman Tayyip Tolga
Tuncer Ufuk Volkan Yasar
Abdolrahim Alireza Farzaneh Fatemeh Gholamhossein Gholamreza Hamidreza Mahsa Mohammadreza
Narges Nasrin Rouhollah Ruhollah Sadegh Shirin Zahra
Abdelaziz Abdelmadjid Abdelfattah Abdallah Abdalla Abdirahman Abdullahi Ahmed Alaa Amr Badr
Bandar Essam Fayez Fuad Gamal Gebran Haider Hamad Hamdan Hani Hashem Hosni Kadhim Kais Majed
Marwan Masrour Mostafa Moncef Mousa Muqtada Nabih Nawaf Nechirvan Nizar Noureddine Nouri Qais
Rached Rami Ramzi Saleh Sameh Tahnoun Tamim Tawfik Tawfiq Turki Wael Yasser Ziad Zuhair
Avigdor Ayelet Bezalel Eitan Ehud Eyal Gadi Gideon Gilad Herzi Itamar Merav Moshe Naftali Ofer
Orit Shlomo Tzachi Tzipi Yair Yariv Yehuda Yoav Yoel Yossi
Abdoulaye Abena Abubakar Adebayo Ademola Adewale Akinwumi Akosua Alassane Amadou Aminata Aminu
Atiku Babajide Babatunde Bassirou Bheki Boubacar Bukola Cheikh Chidi Chimamanda Chinua
Chukwuemeka Danjuma Debretsion Diomaye Efua Emeka Fatou Femi Fikile Folake Funmilayo Garba
Getachew Godswill Goodluck Gwede Hadiza Hailemariam Ibrahima Idrissa Ikechukwu Jakaya Kalonzo
Kashim Kayode Kindiki Kithure Kobina Kofi Kojo Kwabena Kwadwo Kwaku Kwame Kweku Lindiwe Macky
Mamadou Mbali Meles Mesfin Mmusi Muhoozi Musalia Naledi Ngozi Nkosazana Nnamdi Nomvula Nuhu
Nyesom Obinna Olumide Olusegun Oluwaseun Ousmane Raila Redwan Riek Rigathi Sadio Salva Samia
Segun Seydou Sipho Souleymane Tedros Tendai Tewodros Thabo Thandeka Thandi Themba Thulani
Tidjane Tunde Uche Uhuru Umaru Wanjiku Wole Yakubu Yemi
Andrzej Bartlomiej Beata Czeslaw Dariusz Grzegorz Jakub Janusz Jaroslaw Katarzyna Krzysztof
Lukasz Maciej Malgorzata Marcin Mariusz Mateusz Michal Pawel Piotr Przemyslaw Radoslaw Rafal
Ryszard Slawomir Szymon Tomasz Wladyslaw Wojciech Zbigniew Jiri Lubomir Milos Tomas Vaclav
Zuzana Balazs Csaba Gabor Gergely Gyula Janos Katalin Laszlo Marton Miklos Szabolcs Tamas
Zoltan Zsolt Calin Catalin Crin Dacian Ionut Liviu Mircea Nicusor Sorin Traian Viorica Boyko
Delyan Denitsa Dimitar Iliana Ognyan Rumen Aleksandar Dragan Ivica Milorad Milica Nebojsa
Sinisa Slobodan Tomislav Vojislav Vjosa Zeljko Hristijan Bakir Giorgos Georgios Dimitris
Dimitrios Evangelos Konstantinos Kostas Kyriakos Nikolaos Nikos Sokratis Stefanos Yannis
Giancarlo Gianluca Giorgia Giuseppe Ignazio Matteo Pier Piero Raffaele Salvatore Silvio
Begona Carles Cayetana Inigo Josep Oriol Yolanda Arnaud Aurelien Benoit Bertrand Cedric
Christophe Clementine Didier Edouard Fabien Fabrice Francois Frederic Gerald Gerard Gilles
Herve Jerome Lionel Loic Mathilde Olivier Raphael Rachida Sebastien Segolene Stephane Thibault
Thierry Xavier Yael Annalena Armin Carsten Dietmar Dirk Heiko Hendrik Hubertus Joachim Joerg
Jurgen Juergen Katrin Markus Matthias Nils Norbert Olaf Reinhard Ricarda Rolf Sahra Saskia
Sigmar Svenja Thorsten Tino Ulrich Uwe Volker Winfried Wolfgang Caspar Dilan Femke Geert
Joost Pieter Sigrid Wopke Antti Elina Heikki Juha Juho Jukka Jussi Kimmo Matti Mikko Pekka
Petteri Riikka Sanna Sauli Timo Tuomas Ebba Jimmie Magdalena Mette Pal Trygve Ulf Alar
Andrius Edgars Egils Evika Gitanas Ingrida Juri Kaja Kersti Krisjanis Margus Raivis Sarunas
Toomas Urmas Valdas Vytautas Aodhan Ciaran Darragh Eamon Eamonn Enda Fionnuala Humza Keir
Kemi Micheal Niamh Oisin Padraig Rishi Siobhan Suella Aliaksandr Anatolii Denys Halyna Ihor
Iryna Kateryna Kostiantyn Kyrylo Oleksandra Olha Rustem Siarhei Sviatlana Vadym Valerii
Viktoriia Vitalii Yevhen Yuliia Akhmat Khamzat Magomed Ramzan Bidzina Davit Giorgi Irakli Kakha
Levan Mamuka Mikheil Shalva Zurab Ararat Armen Nikol Serzh Vahagn Anar Elmar Elnur Elshad
Hikmet Jeyhun Kamran Mehriban Ramil Rovshan Vugar
Adan Alvaro Axel Corina Delcy Dilma Diosdado Edmundo Flavio Geraldo Gleisi Henrique Horacio
Inacio Jair Joao Karina Keiko Lenin Luiz Nasry Nayib Ollanta Tabare Tarcisio Xiomara Xochitl
Yamandu Goncalo Nuno
""".split()


def main() -> None:
    given = census_top("dist.male.first") | census_top("dist.female.first") | set(WORLD) | set(WORLD_MORE)
    kept = sorted(n for n in given if len(n) >= 3 and n.lower() not in LOWER_WORDS)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Given names: US Census 1990 first names (public domain) and common world names\n")
        f.write("# (curated), less English words.\n")
        f.write("# Generated by scripts/build_given_names.py; do not edit.\n")
        for n in kept:
            f.write(n + "\n")
    print(f"{len(kept)} of {len(given)} names written to {OUT}")


if __name__ == "__main__":
    main()
