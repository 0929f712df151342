using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Mi_Champions_Join_Requests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Capacity",
                table: "Groups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChampionRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Motivation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChampionRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChampionRequests_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JoinRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ProgramKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EnrollmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JoinRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JoinRequests_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_JoinRequests_Enrollments_EnrollmentId",
                        column: x => x.EnrollmentId,
                        principalTable: "Enrollments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_JoinRequests_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_JoinRequests_Programs_ProgramKey",
                        column: x => x.ProgramKey,
                        principalTable: "Programs",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MiPracticeGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HostId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OnlineLink = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Town = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Rhythm = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Members = table.Column<int>(type: "INTEGER", nullable: false),
                    Activities = table.Column<int>(type: "INTEGER", nullable: false),
                    OtherActivities = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MiPracticeGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MiPracticeGroups_AspNetUsers_HostId",
                        column: x => x.HostId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MiTrainerProfiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Bio = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Languages = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Regions = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Online = table.Column<bool>(type: "INTEGER", nullable: false),
                    InPerson = table.Column<bool>(type: "INTEGER", nullable: false),
                    Fees = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Website = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    MintSince = table.Column<int>(type: "INTEGER", nullable: false),
                    MintProfileUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StateReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    StateChangedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StateChangedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Paused = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MiTrainerProfiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MiTrainerProfiles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MiPracticeMemberships",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    JoinedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LeftUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MiPracticeMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MiPracticeMemberships_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MiPracticeMemberships_MiPracticeGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "MiPracticeGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MiPracticeSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Activities = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LoggedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    LoggedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MiPracticeSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MiPracticeSessions_MiPracticeGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "MiPracticeGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CoachingRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrainerProfileId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Goals = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ActiveSlot = table.Column<bool>(type: "INTEGER", nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SentUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnsweredUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachingRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoachingRequests_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CoachingRequests_MiTrainerProfiles_TrainerProfileId",
                        column: x => x.TrainerProfileId,
                        principalTable: "MiTrainerProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MiPracticeAttendance",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MiPracticeAttendance", x => new { x.SessionId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_MiPracticeAttendance_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MiPracticeAttendance_MiPracticeSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "MiPracticeSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoachingMessages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SentUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachingMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoachingMessages_CoachingRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "CoachingRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChampionRequests_OneOpen",
                table: "ChampionRequests",
                column: "PersonId",
                unique: true,
                filter: "Status = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_ChampionRequests_Status_RequestedUtc",
                table: "ChampionRequests",
                columns: new[] { "Status", "RequestedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CoachingMessages_RequestId_SentUtc",
                table: "CoachingMessages",
                columns: new[] { "RequestId", "SentUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CoachingRequests_PersonId",
                table: "CoachingRequests",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CoachingRequests_TrainerProfileId_PersonId_ActiveSlot",
                table: "CoachingRequests",
                columns: new[] { "TrainerProfileId", "PersonId", "ActiveSlot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JoinRequests_EnrollmentId",
                table: "JoinRequests",
                column: "EnrollmentId");

            migrationBuilder.CreateIndex(
                name: "IX_JoinRequests_GroupId",
                table: "JoinRequests",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_JoinRequests_OneOpenPerProgram",
                table: "JoinRequests",
                columns: new[] { "PersonId", "ProgramKey" },
                unique: true,
                filter: "Status = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_JoinRequests_PersonId",
                table: "JoinRequests",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_JoinRequests_ProgramKey",
                table: "JoinRequests",
                column: "ProgramKey");

            migrationBuilder.CreateIndex(
                name: "IX_JoinRequests_Status_CreatedUtc",
                table: "JoinRequests",
                columns: new[] { "Status", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MiPracticeAttendance_PersonId",
                table: "MiPracticeAttendance",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_MiPracticeGroups_ClosedUtc_Town",
                table: "MiPracticeGroups",
                columns: new[] { "ClosedUtc", "Town" });

            migrationBuilder.CreateIndex(
                name: "IX_MiPracticeGroups_HostId",
                table: "MiPracticeGroups",
                column: "HostId");

            migrationBuilder.CreateIndex(
                name: "IX_MiPracticeMemberships_GroupId_PersonId",
                table: "MiPracticeMemberships",
                columns: new[] { "GroupId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MiPracticeMemberships_PersonId",
                table: "MiPracticeMemberships",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_MiPracticeSessions_GroupId_HeldOn",
                table: "MiPracticeSessions",
                columns: new[] { "GroupId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_MiTrainerProfiles_State_Paused",
                table: "MiTrainerProfiles",
                columns: new[] { "State", "Paused" });

            migrationBuilder.CreateIndex(
                name: "IX_MiTrainerProfiles_UserId",
                table: "MiTrainerProfiles",
                column: "UserId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChampionRequests");

            migrationBuilder.DropTable(
                name: "CoachingMessages");

            migrationBuilder.DropTable(
                name: "JoinRequests");

            migrationBuilder.DropTable(
                name: "MiPracticeAttendance");

            migrationBuilder.DropTable(
                name: "MiPracticeMemberships");

            migrationBuilder.DropTable(
                name: "CoachingRequests");

            migrationBuilder.DropTable(
                name: "MiPracticeSessions");

            migrationBuilder.DropTable(
                name: "MiTrainerProfiles");

            migrationBuilder.DropTable(
                name: "MiPracticeGroups");

            migrationBuilder.DropColumn(
                name: "Capacity",
                table: "Groups");
        }
    }
}
